// Ground truth: the control-plane events a scenario's own principal caused ("hay"), labelled with the run, scenario,
// phase and burst, stored with the report (never in orchestration history: the activity returns a summary and the
// file's name). The export formats (JSON, JSON Lines, CSV) share HAY_EXPORT_FIELDS, in this order.
import type { Phase } from '../core/events';

export interface HayEvent {
  eventTimestamp: string;
  operationName: string;
  /** Started, Succeeded, Failed or Accepted, as the Activity Log writes them. */
  status: string;
  resourceId: string;
  resourceGroupName?: string;
  callerAppId?: string;
  callerObjectId?: string;
  correlationId: string;
  eventDataId: string;
  runId: string;
  scenarioId: string;
  /** The agent phase whose time window holds the event; `unattributed` before the first phase started. */
  phase: Phase | 'unattributed';
  /** The operate burst, when the phase is operate. */
  burst?: number;
  source: 'activityLog';
}

/** Expected (the scenario's declared `operations`) against observed (distinct operation names of its hay). */
export interface HayCoverage {
  expected: string[];
  observed: string[];
  /** Expected and never seen. */
  missing: string[];
  /** Seen and not expected. */
  unexpected: string[];
}

/** Why Entra audit events are or are not part of the hay (Graph needs AuditLog.Read.All for them). */
export interface EntraAuditCollection {
  collected: boolean;
  reason: string;
}

/** One scenario's hay file, `hayFileName(scenarioId)` in the run's report folder. */
export interface HayRecord {
  runId: string;
  scenarioId: string;
  principal: { appId: string; objectId: string };
  window: { from: string; to: string };
  collectedAt: string;
  entraAudit: EntraAuditCollection;
  coverage: HayCoverage;
  events: HayEvent[];
}

/** What collectHay returns into history: counts and names only. */
export interface HaySummary {
  file: string;
  events: number;
  coverage: HayCoverage;
  entraAudit: EntraAuditCollection;
}

export const hayFileName = (scenarioId: string): string => `hay-${scenarioId}.json`;

/** The exported columns, in order (`haymaker runs hay -o csv`, `GET /api/v1/runs/{id}/hay`). */
export const HAY_EXPORT_FIELDS = [
  'eventTimestamp',
  'operationName',
  'status',
  'resourceId',
  'resourceGroupName',
  'callerAppId',
  'callerObjectId',
  'correlationId',
  'eventDataId',
  'runId',
  'scenarioId',
  'phase',
  'burst',
] as const satisfies readonly (keyof HayEvent)[];
