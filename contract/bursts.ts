// The operation bursts of one scenario, driven outside its orchestration so they cost it no history: the
// orchestration hands the schedule to a per-scenario `bursts` entity (key = the scenario's instance id) and waits for
// one "operations done" event; the burst driver timer (triggers/burst-driver.ts) starts each burst's agent job when it
// is due, stops one past its deadline, starts a crashed one again, and raises "operations done" with every burst's
// result. Entity state never holds a secret (the principal is referenced by app id and secret name only).
import type { PrincipalRef, ScenarioContext } from './activities';
import type { EntitySignal } from './entities';
import type { PhaseCrash, StepStatus } from './orchestrations';

export const BURSTS_ENTITY_NAME = 'haymakerBursts';

/** The event the scenario orchestration waits on while the driver runs its bursts. */
export const OPERATIONS_DONE_EVENT = 'operations:done';

export type BurstStatus = 'scheduled' | 'running' | StepStatus;

export interface BurstRecord {
  burst: number;
  /** When the burst is due (ISO-8601). */
  fireAt: string;
  status: BurstStatus;
  /** The execution running it (the last one, after crashes). */
  executionName?: string;
  startedAt?: string;
  endedAt?: string;
  /** 1 for the first execution, 2 after one crash, and so on. */
  attempt: number;
  crashes: PhaseCrash[];
  error?: string;
  /** An outcome that arrived before the driver recorded the start (the agent can finish before that signal lands). */
  early?: BurstOutcome;
}

export interface BurstOutcome {
  at: string;
  succeeded: boolean;
  executionName?: string;
  error?: string;
}

export interface BurstsEntityState {
  instanceId: string;
  scenario?: ScenarioContext;
  principal?: Pick<PrincipalRef, 'appId' | 'secretName'>;
  deadlineMinutes: number;
  crashRetries: number;
  /** A burst due after this moment is skipped: after ExpiresAt the janitor may remove what the scenario uses. */
  latestBurstStart?: string;
  bursts: BurstRecord[];
  /** Set when the scenario stopped (terminated, failed): the driver starts nothing more. */
  cancelled: boolean;
  /** When the driver raised "operations done": it raises it once, not at every tick until the orchestration moves on. */
  reportedAt?: string;
}

export type BurstsOperation =
  | {
      type: 'register';
      scenario: ScenarioContext;
      principal: Pick<PrincipalRef, 'appId' | 'secretName'>;
      deadlineMinutes: number;
      crashRetries: number;
      latestBurstStart: string;
      fireAt: string[];
    }
  | { type: 'started'; burst: number; executionName: string; at: string; replaced?: PhaseCrash[] }
  | { type: 'startFailed'; burst: number; at: string; error: string }
  | ({ type: 'outcome'; burst: number } & BurstOutcome)
  | { type: 'crashed'; burst: number; at: string; executionName: string; reason: string }
  | { type: 'timedOut'; burst: number; at: string; error: string }
  | { type: 'skipped'; burst: number; at: string; error: string }
  | { type: 'cancel' }
  | { type: 'reported'; at: string };

/** What the driver hands the orchestration: every burst's record, in order. */
export interface OperationsDoneEvent {
  bursts: BurstRecord[];
}

export const BURST_FINAL: ReadonlySet<BurstStatus> = new Set(['succeeded', 'failed', 'timedOut', 'skipped']);

export const BURSTS_OPERATIONS = [
  'register',
  'started',
  'startFailed',
  'outcome',
  'crashed',
  'timedOut',
  'skipped',
  'cancel',
  'reported',
] as const satisfies readonly BurstsOperation['type'][];

/** The signal of `op` to the bursts entity of the scenario orchestration `instanceId`. */
export function burstsEntitySignal(
  instanceId: string,
  op: BurstsOperation,
): EntitySignal<typeof BURSTS_ENTITY_NAME> {
  const { type, ...input } = op;
  return { entity: { name: BURSTS_ENTITY_NAME, key: instanceId }, operation: type, input };
}
