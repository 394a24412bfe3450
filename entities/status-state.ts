// The singleton status entity's reducer: what GET /api/v1/status reads (current run, last run, next scheduled run).
// Its state and operations are declared in contract/entities.ts.
import type { StatusEntityState, StatusOperation } from '../contract/entities';

export function initialStatusState(): StatusEntityState {
  return {};
}

export function applyStatusOperation(state: StatusEntityState, op: StatusOperation): StatusEntityState {
  switch (op.type) {
    case 'runStarted':
      // Runs overlap (8 h windows, 6 h schedule): the newest start is "current"; a replayed start of an older run is ignored.
      if (state.currentRun && state.currentRun.startedAt > op.startedAt) return state;
      if (state.lastRun?.runId === op.runId) return state;
      return {
        ...state,
        currentRun: {
          runId: op.runId,
          startedAt: op.startedAt,
          ...(op.trigger ? { trigger: op.trigger } : {}),
        },
      };
    case 'runFinished': {
      const startedAt = state.currentRun?.runId === op.runId ? state.currentRun.startedAt : undefined;
      const lastRun = {
        runId: op.runId,
        endedAt: op.endedAt,
        status: op.status,
        ...(startedAt ? { startedAt } : {}),
      };
      const newer = state.lastRun && state.lastRun.endedAt > op.endedAt;
      const { currentRun, ...rest } = state;
      const keepCurrent = currentRun && currentRun.runId !== op.runId ? { currentRun } : {};
      return { ...rest, ...keepCurrent, ...(newer ? { lastRun: state.lastRun } : { lastRun }) };
    }
    case 'nextScheduled':
      return { ...state, nextScheduledRun: op.at };
  }
}
