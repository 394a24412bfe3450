// The durable entities as the rest of the app sees them: names, keys, states and operations. Orchestrations and
// triggers signal them with these operations (typed: a wrong name or payload fails to compile); the reducers in
// entities/ apply them. Entity state never holds a secret.

import type { BURSTS_ENTITY_NAME, BurstsOperation } from './bursts';

// ---- The run entity: one per run (key = run id), the API's view of a run in flight.

export const RUN_ENTITY_NAME = 'haymakerRun';

export type RunPhase =
  | 'pending'
  | 'validating'
  | 'selecting'
  | 'running'
  | 'sweeping'
  | 'reporting'
  | 'completed'
  | 'failed'
  | 'terminated';
export type RunTrigger = 'timer' | 'api' | 'cli';
export type ScenarioRunStatus =
  | 'pending'
  | 'provisioning'
  | 'assigningRoles'
  | 'waitingForRoles'
  | 'deploying'
  | 'operating'
  | 'cleaningUp'
  | 'verifying'
  | 'deletingPrincipal'
  | 'succeeded'
  | 'failed';

export const TERMINAL_RUN_PHASES: ReadonlySet<RunPhase> = new Set(['completed', 'failed', 'terminated']);

export interface ScenarioLedger {
  status: ScenarioRunStatus;
  /** Resource ids (lower-cased) the agent reported created / deleted / failed to delete: sets, so a duplicate event counts once. */
  created: string[];
  deleted: string[];
  deletionFailed: string[];
  forceDeleted: number;
  errors: string[];
}

/** Scenario counts by status and resource counts, kept by the run entity from the shards' deltas. */
export interface RunTotals {
  /** Scenarios with a ledger, by status (a status with none may be absent). */
  byStatus: Partial<Record<ScenarioRunStatus, number>>;
  created: number;
  deleted: number;
  deletionFailed: number;
  forceDeleted: number;
}

/**
 * What the run entity stores: run-level fields and totals only, so an operation costs the same at 3 or 3,000
 * scenarios. Each scenario's ledger lives in its own entity (contract/run-shards.ts); `inFlight` counts operations
 * forwarded to them and not yet acknowledged, and an end (`finished`/`terminated`) waits in `pendingEnd` until it
 * is 0, so a reader that sees a terminal phase sees every ledger and total complete.
 */
export interface RunRecordState {
  runId: string;
  phase: RunPhase;
  trigger?: RunTrigger;
  size?: string;
  seed?: string;
  startedAt?: string;
  endedAt?: string;
  expiresAt?: string;
  sweep?: { found: number; deleted: number; failed: number };
  cleanupVerified?: boolean;
  report?: { jsonPath: string; htmlPath: string };
  errors: string[];
  totals: RunTotals;
  inFlight: number;
  pendingEnd?: RunEndOperation;
}

/** A run as readers see it: the run entity's record joined with every scenario's ledger (entities/read-run.ts). */
export interface RunEntityState extends RunRecordState {
  scenarios: Record<string, ScenarioLedger>;
}

export type RunEndOperation =
  | {
      type: 'finished';
      status: 'completed' | 'failed';
      endedAt: string;
      cleanupVerified: boolean;
      report?: { jsonPath: string; htmlPath: string };
    }
  | { type: 'terminated'; endedAt: string; reason?: string };

/** A shard's answer to a forwarded operation: how its ledger changed (applied by the run entity to its totals). */
export interface ScenarioDelta {
  /** The shard's ledger did not exist before this operation. */
  added: boolean;
  /** Status before (absent when added) and after. */
  from?: ScenarioRunStatus;
  to: ScenarioRunStatus;
  created: number;
  deleted: number;
  deletionFailed: number;
  forceDeleted: number;
}

export type RunOperation =
  | { type: 'started'; runId: string; startedAt: string; trigger?: RunTrigger; size?: string; seed: string }
  | { type: 'phaseChanged'; phase: Exclude<RunPhase, 'completed' | 'failed' | 'terminated'> }
  | { type: 'scenariosSelected'; scenarioIds: string[]; expiresAt: string }
  | { type: 'scenarioStatus'; scenarioId: string; status: Exclude<ScenarioRunStatus, 'succeeded' | 'failed'> }
  | {
      type: 'scenarioFinished';
      scenarioId: string;
      status: 'succeeded' | 'failed';
      forceDeleted: number;
      errors: string[];
    }
  | {
      type: 'resourceEvent';
      scenarioId: string;
      resourceId: string;
      kind: 'created' | 'deleted' | 'deletionFailed';
    }
  | { type: 'sweepCompleted'; found: number; deleted: number; failed: number }
  | RunEndOperation
  | { type: 'error'; message: string; scenarioId?: string }
  /** From a scenario shard (never from an orchestration or a trigger): its ledger applied a forwarded operation. */
  | { type: 'scenarioApplied'; scenarioId: string; delta: ScenarioDelta };

export type RunOperationType = RunOperation['type'];

/** Every run operation name, once (the record's type rejects a missing or unknown one). */
const RUN_OPERATION_SET: { readonly [T in RunOperationType]: true } = {
  started: true,
  phaseChanged: true,
  scenariosSelected: true,
  scenarioStatus: true,
  scenarioFinished: true,
  resourceEvent: true,
  sweepCompleted: true,
  finished: true,
  terminated: true,
  error: true,
  scenarioApplied: true,
};
export const RUN_OPERATIONS = Object.keys(RUN_OPERATION_SET) as readonly RunOperationType[];

// ---- The status entity: one for the app (GET /api/v1/status: current run, last run, next scheduled run).

export const STATUS_ENTITY_NAME = 'haymakerStatus';
export const STATUS_ENTITY_KEY = 'singleton';

export type FinishedRunStatus = 'completed' | 'failed' | 'terminated';

export interface StatusEntityState {
  currentRun?: { runId: string; startedAt: string; trigger?: string };
  lastRun?: { runId: string; startedAt?: string; endedAt: string; status: FinishedRunStatus };
  nextScheduledRun?: string;
}

export type StatusOperation =
  | { type: 'runStarted'; runId: string; startedAt: string; trigger?: string }
  | { type: 'runFinished'; runId: string; endedAt: string; status: FinishedRunStatus }
  | { type: 'nextScheduled'; at: string };

export type StatusOperationType = StatusOperation['type'];

const STATUS_OPERATION_SET: { readonly [T in StatusOperationType]: true } = {
  runStarted: true,
  runFinished: true,
  nextScheduled: true,
};
export const STATUS_OPERATIONS = Object.keys(STATUS_OPERATION_SET) as readonly StatusOperationType[];

// ---- Signalling: an entity, an operation name and that operation's input, typed together.

export interface EntityOperations {
  [RUN_ENTITY_NAME]: RunOperation;
  [STATUS_ENTITY_NAME]: StatusOperation;
  [BURSTS_ENTITY_NAME]: BurstsOperation;
}
export type EntityName = keyof EntityOperations;

/** The input an entity operation carries: the operation without its `type`. */
export type OperationInput<Op extends { type: string }> = Omit<Op, 'type'>;

/** An operation for one entity instance: what a durable client or an orchestration signals. */
export interface EntitySignal<E extends EntityName = EntityName> {
  entity: { name: E; key: string };
  operation: EntityOperations[E]['type'];
  input: OperationInput<EntityOperations[E]>;
}

/** The signal of `op` to the run entity of `runId`. */
export function runEntitySignal(runId: string, op: RunOperation): EntitySignal<typeof RUN_ENTITY_NAME> {
  const { type, ...input } = op;
  return { entity: { name: RUN_ENTITY_NAME, key: runId }, operation: type, input };
}

/** The signal of `op` to the app's status entity. */
export function statusEntitySignal(op: StatusOperation): EntitySignal<typeof STATUS_ENTITY_NAME> {
  const { type, ...input } = op;
  return { entity: { name: STATUS_ENTITY_NAME, key: STATUS_ENTITY_KEY }, operation: type, input };
}
