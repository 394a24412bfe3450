// What the API handlers read besides the durable client. app/main.ts passes the composition root's accessors, so
// the API reads the same audit trail, report store and scenario library the activities use (app/composition.ts).
import type { DurableClient } from 'durable-functions';
import type { ScenarioCatalog } from '../../activities/dependencies';
import type { AuditStore } from '../../adapters/audit-store';
import type { ReportStore } from '../../adapters/report-store';
import type { ActivityHandlers } from '../../contract/activities';
import type { HayMakerSettings } from '../../core/config';
import type { ApiAuthSettings } from './authorize';

/** The part of the app's services the API uses. */
export interface ApiServices {
  activities: Pick<ActivityHandlers, 'janitorSweep' | 'writeReport'>;
  audit: AuditStore;
  reports: ReportStore;
  scenarios: ScenarioCatalog;
}

export interface HttpApiWiring {
  settings: () => Promise<HayMakerSettings>;
  services: () => Promise<ApiServices>;
  now: () => Date;
  /** Read per request, so a rotated key takes effect without a restart. */
  auth: () => ApiAuthSettings;
}

export interface ApiContext extends HttpApiWiring {
  client: DurableClient;
}

/** The audit trail, or undefined when the services cannot be built (the answer then says the trail is unavailable). */
export function auditTrail(api: ApiContext): Promise<AuditStore | undefined> {
  return api.services().then(
    (s) => s.audit,
    () => undefined,
  );
}
