// The bursts entity's reducer: pure, idempotent (a repeated or late operation changes nothing), so signals that arrive
// twice or out of order from the driver, the agent-events trigger and the watchdog are harmless.
import {
  BURST_FINAL,
  type BurstOutcome,
  type BurstRecord,
  type BurstsEntityState,
  type BurstsOperation,
} from '../contract/bursts';

export const initialBurstsState = (instanceId: string): BurstsEntityState => ({
  instanceId,
  deadlineMinutes: 0,
  crashRetries: 0,
  bursts: [],
  cancelled: false,
});

const update = (
  state: BurstsEntityState,
  burst: number,
  change: (b: BurstRecord) => BurstRecord | undefined,
): BurstsEntityState => {
  const current = state.bursts[burst];
  if (!current) return state;
  const next = change(current);
  if (!next) return state;
  return { ...state, bursts: state.bursts.map((b) => (b.burst === burst ? next : b)) };
};

/** An outcome about another execution than the burst's current one (a late word, a duplicate crash) changes nothing. */
const isCurrent = (b: BurstRecord, executionName: string | undefined) =>
  b.status === 'running' && (executionName === undefined || executionName === b.executionName);

/**
 * An end stamped by another clock (the agent's, the watchdog's) never precedes the start the driver stamped: locally
 * the driver acts on the host's scaled clock, hours ahead of the agent's wall clock.
 */
const notBefore = (at: string, startedAt: string | undefined) =>
  startedAt !== undefined && Date.parse(at) < Date.parse(startedAt) ? startedAt : at;

const ended = (b: BurstRecord, o: BurstOutcome): BurstRecord => ({
  ...b,
  status: o.succeeded ? 'succeeded' : 'failed',
  endedAt: notBefore(o.at, b.startedAt),
  ...(o.succeeded
    ? {}
    : { error: `the agent reported the operate burst ${b.burst} failed: ${o.error ?? 'no reason given'}` }),
});

export function applyBurstsOperation(state: BurstsEntityState, op: BurstsOperation): BurstsEntityState {
  switch (op.type) {
    case 'register':
      // The schedule is registered once; a redelivered register changes nothing.
      if (state.bursts.length > 0) return state;
      return {
        ...state,
        scenario: op.scenario,
        principal: op.principal,
        deadlineMinutes: op.deadlineMinutes,
        crashRetries: op.crashRetries,
        latestBurstStart: op.latestBurstStart,
        bursts: op.fireAt.map((fireAt, burst) => ({
          burst,
          fireAt,
          status: 'scheduled',
          attempt: 1,
          crashes: [],
        })),
      };
    case 'started':
      return update(state, op.burst, (b) => {
        if (b.status !== 'scheduled') return undefined;
        const known = new Set([...b.crashes.map((c) => c.executionName), op.executionName]);
        const replaced = (op.replaced ?? []).filter((c) => !known.has(c.executionName));
        const { early, ...rest } = b;
        const running: BurstRecord = {
          ...rest,
          status: 'running',
          executionName: op.executionName,
          startedAt: b.startedAt ?? op.at,
          crashes: [...b.crashes, ...replaced],
        };
        return early && isCurrent(running, early.executionName) ? ended(running, early) : running;
      });
    case 'startFailed':
      return update(state, op.burst, (b) =>
        b.status === 'scheduled' ? { ...b, status: 'failed', endedAt: op.at, error: op.error } : undefined,
      );
    case 'outcome': {
      const { type: _type, burst, ...outcome } = op;
      return update(state, burst, (b) => {
        if (isCurrent(b, outcome.executionName)) return ended(b, outcome);
        // Before the start is recorded: kept, unless it is the word of an execution already declared crashed.
        const crashed = b.crashes.some((c) => c.executionName === outcome.executionName);
        if (b.status === 'scheduled' && !b.early && !crashed) return { ...b, early: outcome };
        return undefined;
      });
    }
    case 'crashed':
      return update(state, op.burst, (b) => {
        if (!isCurrent(b, op.executionName)) return undefined;
        const crashes = [...b.crashes, { executionName: op.executionName, at: op.at, reason: op.reason }];
        if (crashes.length > state.crashRetries)
          return {
            ...b,
            status: 'failed',
            endedAt: notBefore(op.at, b.startedAt),
            crashes,
            error: `the agent job of the operate burst ${b.burst} ended without reporting ${crashes.length} time(s), the last: ${op.reason}`,
          };
        // Due again at once: the driver starts a new execution at its next tick.
        return { ...b, status: 'scheduled', attempt: b.attempt + 1, crashes };
      });
    case 'timedOut': {
      // A burst past its deadline may be stuck: the later bursts are skipped (as when the orchestration ran them).
      const timed = update(state, op.burst, (b) =>
        b.status === 'running' ? { ...b, status: 'timedOut', endedAt: op.at, error: op.error } : undefined,
      );
      if (timed === state) return state;
      return {
        ...timed,
        bursts: timed.bursts.map((b) =>
          b.burst > op.burst && !BURST_FINAL.has(b.status) ? { ...b, status: 'skipped', endedAt: op.at } : b,
        ),
      };
    }
    case 'skipped':
      return update(state, op.burst, (b) =>
        b.status === 'scheduled' ? { ...b, status: 'skipped', endedAt: op.at, error: op.error } : undefined,
      );
    case 'cancel':
      return { ...state, cancelled: true };
    case 'reported':
      return state.reportedAt ? state : { ...state, reportedAt: op.at };
  }
}

/** Every burst has its outcome: the driver may raise "operations done". */
export const allBurstsDone = (state: BurstsEntityState): boolean =>
  state.bursts.length > 0 && state.bursts.every((b) => BURST_FINAL.has(b.status));
