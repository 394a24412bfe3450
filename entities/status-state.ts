// The singleton status entity: what GET /api/v1/status reads (current run, last run, next scheduled run).

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
