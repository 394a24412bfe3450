// The run entity's reducer: one entity per run (key = run id), the API's view of a run in flight. It keeps run-level
// fields and totals only; each scenario's ledger is its own entity (scenario-shard-state.ts), to which scenario
// operations are forwarded, so no operation here costs more with more scenarios. Its state and operations are
// declared in contract/entities.ts; the handler in run-entity.ts only dispatches.
import {
  RUN_ENTITY_NAME,
  TERMINAL_RUN_PHASES,
  type RunEndOperation,
  type RunOperation,
  type RunRecordState,
  type RunTotals,
  type ScenarioDelta,
} from '../contract/entities';
import {
  RUN_ROSTER_ENTITY_NAME,
  RUN_SCENARIO_ENTITY_NAME,
  scenarioShardKey,
  type RunRosterOperation,
  type ScenarioShardOperation,
} from '../contract/run-shards';
import type { EntityMessage, Step } from './entity-handler';
import { appendError } from './ledger';

export function initialRunState(runId = ''): RunRecordState {
  return { runId, phase: 'pending', errors: [], totals: emptyTotals(), inFlight: 0 };
}

const emptyTotals = (): RunTotals => ({
  byStatus: {},
  created: 0,
  deleted: 0,
  deletionFailed: 0,
  forceDeleted: 0,
});

const unchanged = (state: RunRecordState): Step<RunRecordState> => ({ state, signals: [] });
const to = (state: RunRecordState, signals: EntityMessage[] = []): Step<RunRecordState> => ({
  state,
  signals,
});

function toShard(runId: string, op: ScenarioShardOperation): EntityMessage {
  const { type, ...input } = op;
  return {
    entity: { name: RUN_SCENARIO_ENTITY_NAME, key: scenarioShardKey(runId, op.scenarioId) },
    operation: type,
    input,
  };
}

export function toRoster(runId: string, op: RunRosterOperation): EntityMessage {
  const { type, ...input } = op;
  return { entity: { name: RUN_ROSTER_ENTITY_NAME, key: runId }, operation: type, input };
}

/** The shard's answer to a forwarded operation. */
export function toRun(runId: string, scenarioId: string, delta: ScenarioDelta): EntityMessage {
  return {
    entity: { name: RUN_ENTITY_NAME, key: runId },
    operation: 'scenarioApplied',
    input: { scenarioId, delta },
  };
}

/** No scenario operation is accepted once the run has ended or its end waits for the shards. */
const closed = (state: RunRecordState) =>
  TERMINAL_RUN_PHASES.has(state.phase) || state.pendingEnd !== undefined;

/** Applies one operation. Terminal runs ignore later operations: a late event changes nothing. */
export function stepRun(state: RunRecordState, op: RunOperation, runId: string): Step<RunRecordState> {
  const terminal = TERMINAL_RUN_PHASES.has(state.phase);
  switch (op.type) {
    case 'started':
      if (state.phase !== 'pending') return unchanged(state);
      return to({
        ...state,
        runId: op.runId,
        phase: 'validating',
        startedAt: op.startedAt,
        seed: op.seed,
        ...(op.trigger ? { trigger: op.trigger } : {}),
        ...(op.size ? { size: op.size } : {}),
      });
    case 'phaseChanged':
      return terminal ? unchanged(state) : to({ ...state, phase: op.phase });
    case 'scenariosSelected': {
      if (closed(state)) return unchanged(state);
      const ids = [...new Set(op.scenarioIds)];
      return to(
        { ...state, phase: 'running', expiresAt: op.expiresAt, inFlight: state.inFlight + ids.length },
        [
          toRoster(runId, { type: 'selected', scenarioIds: ids }),
          ...ids.map((scenarioId) => toShard(runId, { type: 'enlist', runId, scenarioId })),
        ],
      );
    }
    case 'scenarioStatus':
    case 'scenarioFinished':
    case 'resourceEvent':
      if (closed(state)) return unchanged(state);
      return to({ ...state, inFlight: state.inFlight + 1 }, [toShard(runId, { ...op, runId })]);
    case 'error':
      if (op.scenarioId !== undefined) {
        if (closed(state)) return unchanged(state);
        const forwarded = { type: 'error' as const, message: op.message, scenarioId: op.scenarioId, runId };
        return to({ ...state, inFlight: state.inFlight + 1 }, [toShard(runId, forwarded)]);
      }
      return terminal ? unchanged(state) : to({ ...state, errors: appendError(state.errors, op.message) });
    case 'scenarioApplied': {
      const next = {
        ...state,
        totals: addDelta(state.totals, op.delta),
        inFlight: Math.max(0, state.inFlight - 1),
      };
      return to(next.inFlight === 0 && next.pendingEnd ? end(next, next.pendingEnd) : next);
    }
    case 'sweepCompleted':
      return terminal
        ? unchanged(state)
        : to({ ...state, sweep: { found: op.found, deleted: op.deleted, failed: op.failed } });
    case 'finished':
    case 'terminated':
      if (closed(state)) return unchanged(state);
      return to(state.inFlight > 0 ? { ...state, pendingEnd: op } : end(state, op));
  }
}

function end(state: RunRecordState, op: RunEndOperation): RunRecordState {
  const { pendingEnd: _done, ...rest } = state;
  if (op.type === 'finished')
    return {
      ...rest,
      phase: op.status,
      endedAt: op.endedAt,
      cleanupVerified: op.cleanupVerified,
      ...(op.report ? { report: op.report } : {}),
    };
  return {
    ...rest,
    phase: 'terminated',
    endedAt: op.endedAt,
    errors: op.reason ? appendError(state.errors, op.reason) : state.errors,
  };
}

function addDelta(totals: RunTotals, delta: ScenarioDelta): RunTotals {
  const byStatus = { ...totals.byStatus };
  if (!delta.added && delta.from) byStatus[delta.from] = (byStatus[delta.from] ?? 0) - 1;
  byStatus[delta.to] = (byStatus[delta.to] ?? 0) + 1;
  return {
    byStatus,
    created: totals.created + delta.created,
    deleted: totals.deleted + delta.deleted,
    deletionFailed: totals.deletionFailed + delta.deletionFailed,
    forceDeleted: totals.forceDeleted + delta.forceDeleted,
  };
}

/** The counts the API and the report read, from the totals the shards' deltas keep. */
export function summarizeRun(state: Pick<RunRecordState, 'totals'>) {
  const n = state.totals.byStatus;
  const count = (status: keyof typeof n) => n[status] ?? 0;
  const total = Object.values(n).reduce((a, b) => a + (b ?? 0), 0);
  return {
    total,
    succeeded: count('succeeded'),
    failed: count('failed'),
    pending: count('pending'),
    running: total - count('succeeded') - count('failed') - count('pending'),
    resourcesCreated: state.totals.created,
    resourcesDeleted: state.totals.deleted,
    resourcesDeletionFailed: state.totals.deletionFailed,
    forceDeleted: state.totals.forceDeleted,
  };
}
