// What the API handlers read besides the durable client: settings, the audit trail and ledger, the report store,
// the scenario library and the janitor. app/main.ts passes its lazily built settings and activity handlers; the
// stores are built here from settings (only readers, so a second client beside the activities' is harmless).
import type { DurableClient } from 'durable-functions';
import type { ActivityHandlers } from '../../contract/activities';
import type { AuditStore } from '../../adapters/audit-store';
import type { ReportStore } from '../../adapters/report-store';
import type { HayMakerSettings } from '../../core/config';

export interface HttpApiWiring {
  settings: () => Promise<HayMakerSettings>;
  activityHandlers: () => Promise<ActivityHandlers>;
  now?: () => Date;
  /** Overrides (tests, local tools); otherwise built from settings. */
  audit?: () => Promise<AuditStore | undefined>;
  reports?: () => Promise<ReportStore>;
}

export interface ScenarioSummary {
  id: string;
  area: string;
  title: string;
  enabled: boolean;
}

export interface ApiContext {
  client: DurableClient;
  now: () => Date;
  settings: () => Promise<HayMakerSettings>;
  activityHandlers: () => Promise<ActivityHandlers>;
  /** Undefined when the audit trail lives only inside the activities' process memory (local mode without storage). */
  audit: () => Promise<AuditStore | undefined>;
  reports: () => Promise<ReportStore>;
  scenarios: () => Promise<ScenarioSummary[]>;
}

function memoOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= make();
    cached.catch(() => (cached = undefined));
    return cached;
  };
}

/** Store factories over the wiring; built once per process, on first use (loading the app does no I/O). */
export function createStoreProviders(
  wiring: HttpApiWiring,
): Pick<ApiContext, 'audit' | 'reports' | 'scenarios'> {
  const audit =
    wiring.audit ??
    memoOnce(async () => {
      const s = await wiring.settings();
      const { createTableAuditStore } =
        require('../../adapters/audit-store') as typeof import('../../adapters/audit-store');
      if (s.storageConnectionString)
        return createTableAuditStore({ connectionString: s.storageConnectionString });
      const tableUrl = s.storageTableUrl ?? s.storageAccountUrl?.replace('.blob.', '.table.');
      if (!tableUrl) return undefined;
      const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
      return createTableAuditStore({
        tableUrl,
        credential: new DefaultAzureCredential(s.clientId ? { managedIdentityClientId: s.clientId } : {}),
      });
    });
  const reports =
    wiring.reports ??
    memoOnce(async () => {
      const s = await wiring.settings();
      const store = require('../../adapters/report-store') as typeof import('../../adapters/report-store');
      const { join } = require('node:path') as typeof import('node:path');
      if (s.environment === 'local' || (!s.storageAccountUrl && !s.storageConnectionString))
        return store.createFileReportStore(s.reportsDir ?? join(process.cwd(), '.haymaker', 'reports'));
      if (s.storageAccountUrl) {
        const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
        return store.createBlobReportStore({
          accountUrl: s.storageAccountUrl,
          credential: new DefaultAzureCredential(s.clientId ? { managedIdentityClientId: s.clientId } : {}),
        });
      }
      return store.createBlobReportStore({ connectionString: s.storageConnectionString! });
    });
  const scenarios = memoOnce(async () => {
    const s = await wiring.settings();
    const { loadCatalog } = require('../../catalog/load') as typeof import('../../catalog/load');
    return loadCatalog({ dir: s.scenariosDir })
      .scenarios.map((p) => ({
        id: p.id,
        area: p.frontMatter.area,
        title: p.frontMatter.title,
        enabled: p.frontMatter.enabled,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  });
  return { audit, reports, scenarios };
}
