// The activity contract, typed once: name → input → output. Orchestrations call activities only through
// `callActivity` in orchestrations/call-activity.ts, so a renamed activity or a changed payload fails to compile;
// app/main.ts registers one function per name in ACTIVITY_NAMES.
// Every type here is plain JSON: it lands in orchestration history, so it must never hold a secret value.
import type { HayMakerSettings } from '../core/config';
import type { Phase } from '../core/events';
import type { Log } from '../core/log';
import type { OrchestratorEventType } from './events';
import type { HaySummary } from './hay';
import type { RefusedScenario, RunReportInput } from './report';
import type { RunRequest } from './run-request';

export type { RefusedScenario } from './report';

export type { SimulationSize } from '../core/config';
export type { RunRequest } from './run-request';

/** Settings the orchestrations need, resolved once by validateConfiguration (no secrets, no endpoints). */
export type RunSettings = Pick<
  HayMakerSettings,
  | 'subscriptionId'
  | 'location'
  | 'operationsWindowMinutes'
  | 'operationBursts'
  | 'rolePropagationSeconds'
  | 'phaseDeadlineMinutes'
  | 'burstDeadlineMinutes'
  | 'phaseCrashRetries'
  | 'runExpiryHours'
  | 'officeHours'
>;

export interface ScenarioContext {
  runId: string;
  scenarioId: string;
  /** ISO-8601, from the orchestration clock at run start. */
  createdAt: string;
  /** ISO-8601, the run's hard deadline (ExpiresAt tag). */
  expiresAt: string;
  /** The scenario's region (its plan's); absent in instances started before regions, which use AZURE_LOCATION. */
  region?: string;
}

/**
 * What the orchestrator grants one scenario (from its front matter, at selection): the resource groups it creates for
 * the scenario (names for this run) and the roles the scenario principal gets at each of them, and nowhere else.
 */
export interface ScenarioGrantPlan {
  resourceGroups: string[];
  roles: string[];
  /** The region its groups and the agent's resources go to, seeded at selection; absent in older instances. */
  region?: string;
}

export interface PrincipalRef {
  appId: string;
  appObjectId: string;
  servicePrincipalId: string;
  /** Key Vault secret *name* holding the password; never the value. */
  secretName: string;
  displayName: string;
}

export interface TaggedResource {
  id: string;
  type: string;
  name: string;
  resourceGroup?: string;
  scenarioId?: string;
  /** 'resource' or 'resourceGroup' */
  kind: 'resource' | 'resourceGroup';
}

export interface ForceDeleteResult {
  deleted: string[];
  alreadyGone: string[];
  failed: { id: string; error: string }[];
  /**
   * Deletes ARM accepted and is still running (a resource group can take half an hour): the orchestration checks them
   * again on a durable timer rather than one function call waiting past its timeout.
   */
  inProgress?: string[];
  /** Left alone on purpose: tags no longer name the run, or outside the subscription (decoys). */
  skipped?: { id: string; reason: string }[];
}

export interface PrincipalDeletionResult {
  roleAssignmentsDeleted: number;
  servicePrincipalDeleted: boolean;
  appRegistrationDeleted: boolean;
  deletedItemPurged: boolean;
  secretDeleted: boolean;
  secretPurged: boolean;
  /** True when every object was verified gone afterwards. */
  verifiedGone: boolean;
  errors: string[];
}

/** The janitor's input: what counts as "still running" and "expired" is decided by the trigger, I/O by the activity. */
export interface JanitorInput {
  /** ISO-8601 now (the trigger's clock): resources/secrets whose ExpiresAt is before this are removed. */
  now: string;
  /** Run ids of runs still running; their objects are kept unless expired. Names carry only runShort, so match on both. */
  runningRunIds: string[];
  dryRun: boolean;
}

export interface JanitorFinding {
  kind:
    | 'resource'
    | 'resourceGroup'
    | 'appRegistration'
    | 'deletedAppRegistration'
    | 'servicePrincipal'
    | 'secret'
    | 'roleAssignment';
  /** ARM id, Graph object id or secret name. */
  id: string;
  runId?: string;
  runShort?: string;
  reason: 'runNotRunning' | 'expired';
}

export interface JanitorResult {
  dryRun: boolean;
  findings: JanitorFinding[];
  /** Ids removed (empty in dry-run). */
  removed: string[];
  failed: { id: string; error: string }[];
  /**
   * Findings left for the next sweep because this one spent its time budget (a sweep is one function call and must
   * end well within host.json's functionTimeout), and deletes ARM was still running when it ended.
   */
  deferred?: string[];
}

export interface ActivityContract {
  validateConfiguration: { input: RunRequest; output: RunSettings };
  selectScenarios: {
    input: { runId: string; request: RunRequest; seed: string };
    output: { scenarioIds: string[]; refused: RefusedScenario[]; grants: Record<string, ScenarioGrantPlan> };
  };
  recordAuditEvent: {
    input: {
      runId: string;
      scenarioId?: string;
      type: OrchestratorEventType;
      timestamp: string;
      data?: Record<string, unknown>;
    };
    output: void;
  };
  provisionPrincipal: { input: ScenarioContext; output: PrincipalRef };
  /** Creates (or finds, if this run made them) the scenario's resource groups, tagged, before the agent runs. */
  createResourceGroups: {
    input: ScenarioContext & { resourceGroups: string[]; location: string };
    output: { resourceGroupIds: string[] };
  };
  /**
   * The plan's roles at each of the scenario's resource groups, to its principal. `roles` without a plan is what runs
   * started before the grant model ask for (subscription scope, User Access Administrator): it is refused.
   */
  assignRoles: {
    input: ScenarioContext & { servicePrincipalId: string } & (
        { grants: ScenarioGrantPlan } | { roles: string[] }
      );
    output: { roleAssignmentIds: string[] };
  };
  startAgentJob: {
    input: ScenarioContext & {
      phase: Phase;
      burst?: number;
      principal: Pick<PrincipalRef, 'appId' | 'secretName'>;
    };
    output: {
      executionName: string;
      /** Executions of this phase an earlier attempt started that ended (Failed, Stopped) before anyone waited. */
      replacedExecutions?: { executionName: string; status: string }[];
    };
  };
  stopAgentJob: { input: { executionName: string }; output: { stopped: boolean } };
  findTaggedResources: {
    input: { runId: string; scenarioId?: string };
    output: { resources: TaggedResource[] };
  };
  forceDeleteResources: { input: { runId: string; resources: TaggedResource[] }; output: ForceDeleteResult };
  deletePrincipal: {
    input: ScenarioContext & { principal?: PrincipalRef; roleAssignmentIds?: string[] };
    output: PrincipalDeletionResult;
  };
  /** `stoppedAs`: the run stopped before its own report (the janitor writes it from the audit trail). */
  writeReport: {
    input: { runId: string; run?: RunReportInput; stoppedAs?: 'failed' | 'terminated' };
    output: { reportJsonPath: string; reportHtmlPath: string; cleanupVerified: boolean };
  };
  /** Hourly janitor (JANITOR_CRON): HayMaker objects of runs no longer running or past ExpiresAt. */
  janitorSweep: { input: JanitorInput; output: JanitorResult };
  /** After the principal is gone: its Activity Log events, labelled and stored with the report (summary back). */
  collectHay: {
    input: ScenarioContext & { principal: Pick<PrincipalRef, 'appId' | 'servicePrincipalId'> };
    output: HaySummary;
  };
}

export type ActivityName = keyof ActivityContract;
export type ActivityInput<N extends ActivityName> = ActivityContract[N]['input'];
export type ActivityOutput<N extends ActivityName> = ActivityContract[N]['output'];
/** `log` writes lines stamped with the calling instance (core/log.ts); app/main.ts passes one per invocation. */
export type ActivityHandler<N extends ActivityName> = (
  input: ActivityInput<N>,
  log?: Log,
) => Promise<ActivityOutput<N>>;
export type ActivityHandlers = { [N in ActivityName]: ActivityHandler<N> };

/** Every activity name, once: the record's type makes the compiler reject a missing or unknown name. */
const ACTIVITY_NAME_SET: { readonly [N in ActivityName]: true } = {
  validateConfiguration: true,
  selectScenarios: true,
  recordAuditEvent: true,
  provisionPrincipal: true,
  createResourceGroups: true,
  assignRoles: true,
  startAgentJob: true,
  stopAgentJob: true,
  findTaggedResources: true,
  forceDeleteResources: true,
  deletePrincipal: true,
  writeReport: true,
  janitorSweep: true,
  collectHay: true,
};

export const ACTIVITY_NAMES = Object.keys(ACTIVITY_NAME_SET) as readonly ActivityName[];
