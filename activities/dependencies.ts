// What activities run against: adapter interfaces only, so tests build it against the sandbox and production
// builds it in app/dependencies.ts. Nothing here is a concrete client.
import type { HayMakerSettings } from '../core/config';
import type { ActivityLog } from '../adapters/activity-log';
import type { ScenarioGrantRequest } from '../core/scenario/selection';
import type { ArmResources } from '../adapters/arm-resources';
import type { AuditStore } from '../adapters/audit-store';
import type { AgentJobs } from '../adapters/container-apps';
import type { GraphDirectory } from '../adapters/graph';
import type { SecretStore } from '../adapters/key-vault';
import type { ReportStore } from '../adapters/report-store';
import type { ResourceGraph } from '../adapters/resource-graph';
import type { RoleAssignments } from '../adapters/role-assignments';
import type { Sleep } from '../adapters/retry';

/** One scenario document as selection and the API list it. */
export interface ScenarioSummary {
  id: string;
  area: string;
  title: string;
  enabled: boolean;
  /** Control-plane operations a run must produce (front matter `operations`). */
  operations: string[];
  /** What its front matter asks HayMaker to grant (catalog/load.ts `selectable`). */
  grants: ScenarioGrantRequest;
  /** Regions it can run in (front matter `regions`); absent = any. */
  regions?: string[];
}

/** The scenario library (catalog/ loads it from disk once, in app/dependencies.ts). */
export interface ScenarioCatalog {
  /** Every document, enabled or not, sorted by id. */
  list(): Promise<ScenarioSummary[]>;
}

export interface Dependencies {
  settings: HayMakerSettings;
  arm: ArmResources;
  resourceGraph: ResourceGraph;
  roleAssignments: RoleAssignments;
  graph: GraphDirectory;
  secrets: SecretStore;
  agentJobs: AgentJobs;
  audit: AuditStore;
  reports: ReportStore;
  activityLog: ActivityLog;
  scenarios: ScenarioCatalog;
  /** Wall clock for timestamps activities write (never used for names). */
  now: () => Date;
  /** Waits between verification re-checks (Graph and Key Vault are eventually consistent). */
  sleep: Sleep;
  /** Parallel ARM calls in force delete and confirmation (default 8). */
  armConcurrency?: number;
}
