// The orchestrations: their function names, inputs, outcomes and custom statuses. Plain JSON (it lands in history):
// ids, names, counts and messages, never a secret value.
import type { HaySummary } from './hay';
import type { Phase } from '../core/events';
import type { RunRequest, RunSettings, ScenarioGrantPlan } from './activities';

// Function names that app/main.ts registers and the orchestrations, triggers and CLI call. One place, so a rename
// cannot split them.
export const RUN_ORCHESTRATION = 'haymakerRunOrchestration';
export const SCENARIO_ORCHESTRATION = 'haymakerScenarioOrchestration';

export interface ScenarioOrchestrationInput {
  runId: string;
  scenarioId: string;
  /** Seed for burst jitter; the run's seed. */
  seed: string;
  /** ISO-8601 from the run's orchestration clock. */
  createdAt: string;
  expiresAt: string;
  settings: RunSettings;
  /**
   * Collect the scenario's hay after its principal is deleted. Set by every run started by this version; absent in
   * the input of instances started before, so their histories replay without the step (no non-determinism).
   */
  collectHay?: true;
  /**
   * The operation bursts are run by the burst driver (triggers/burst-driver.ts), outside this orchestration's history.
   * Absent in instances started before it: they replay their bursts as they ran them (scenario/operate-inline.ts).
   */
  burstDriver?: true;
  /**
   * Its resource groups and the roles its principal gets there (decided at selection, so a replay sees the same).
   * Absent only in instances started before the grant model: they replay the old path.
   */
  grants?: ScenarioGrantPlan;
}

/** The steps of a scenario, in order; `rolePropagation` is the durable timer after role assignment. */
export type ScenarioStep =
  | 'createResourceGroups'
  | 'provisionPrincipal'
  | 'assignRoles'
  | 'rolePropagation'
  | 'deploy'
  | 'operate'
  | 'cleanup'
  | 'verifyCleanup'
  | 'deletePrincipal';

export type StepStatus = 'succeeded' | 'failed' | 'timedOut' | 'skipped';

export interface StepRecord {
  step: ScenarioStep;
  status: StepStatus;
  startedAt: string;
  endedAt: string;
  /** For operate steps: the burst index. */
  burst?: number;
  error?: string;
  /** Agent jobs of this step that ended without reporting and were started again (agent steps only). */
  crashes?: PhaseCrash[];
}

/** One agent job that ended without reporting (its execution Failed, Stopped or gone), after which the phase re-ran. */
export interface PhaseCrash {
  executionName: string;
  /** Orchestration time at which the watchdog's report arrived. */
  at: string;
  reason: string;
}

export type ScenarioStatus = 'succeeded' | 'failed';

export interface ScenarioOutcome {
  runId: string;
  scenarioId: string;
  instanceId: string;
  status: ScenarioStatus;
  startedAt: string;
  endedAt: string;
  /** Every step that ran (operate bursts one record each) and every step skipped. */
  steps: StepRecord[];
  bursts: { planned: number; succeeded: number; failed: number; timedOut: number; skipped: number };
  /** Tagged resources the verify step found after the agent's cleanup (leftovers). */
  leftoversFound: number;
  forceDeleted: number;
  forceDeleteFailed: string[];
  /** True when verification found nothing left or removed all it found. */
  cleanupVerified: boolean;
  principal: { created: boolean; deleted: boolean; verifiedGone: boolean };
  errors: string[];
  /** The region it ran in (its plan's); absent in instances started before regions. */
  region?: string;
  /** The scenario's ground truth (contract/hay.ts), or why it could not be collected; absent without a principal. */
  hay?: HaySummary | { error: string };
}

export type RunStatus = 'completed' | 'failed';

/** Custom status of a run orchestration: where it is, for the API. */
export interface RunCustomStatus {
  phase: 'validating' | 'selecting' | 'running' | 'sweeping' | 'reporting' | 'completed' | 'failed';
  scenarios?: number;
}

export type RunOrchestrationInput = RunRequest;

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  seed: string;
  startedAt: string;
  endedAt: string;
  scenarioIds: string[];
  scenarios: ScenarioOutcome[];
  sweep: { found: number; deleted: number; failed: string[] };
  cleanupVerified: boolean;
  report?: { reportJsonPath: string; reportHtmlPath: string };
  errors: string[];
}

/** Custom status of a scenario orchestration: where it is, for the API and for the Service Bus trigger. */
export interface ScenarioCustomStatus {
  step: ScenarioStep | 'done';
  /** The external event the orchestration is waiting on, when it is waiting on one. */
  waitingFor?: string;
  /** The agent job execution being waited on, once started: the watchdog checks it is still alive. */
  executionName?: string;
  /** 1 for the first agent job of the step, 2 after one crash, and so on. */
  attempt?: number;
  burst?: number;
  phase?: Phase;
}
