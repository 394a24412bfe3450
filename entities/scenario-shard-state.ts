// A scenario shard's reducer: one entity per (run, scenario) holds that scenario's ledger. Operations arrive from
// the run entity, which has already refused them if the run ended; each is answered with the ledger's delta so the
// run entity keeps its totals (and knows when nothing is in flight). A shard first named by an operation rather
// than by the selection tells the roster, so readers find it.
import type { ScenarioDelta, ScenarioLedger, ScenarioRunStatus } from '../contract/entities';
import type { ScenarioShardOperation } from '../contract/run-shards';
import type { Step } from './entity-handler';
import { addUnique, appendError, emptyLedger } from './ledger';
import { toRoster, toRun } from './run-state';

/** Null until the first operation: a shard that exists has a ledger. */
export type ScenarioShardState = ScenarioLedger | null;

const TERMINAL_SCENARIO_STATUSES: ReadonlySet<ScenarioRunStatus> = new Set(['succeeded', 'failed']);

export function applyToLedger(s: ScenarioLedger, op: ScenarioShardOperation): ScenarioLedger {
  switch (op.type) {
    case 'enlist':
      return s;
    case 'scenarioStatus':
      return TERMINAL_SCENARIO_STATUSES.has(s.status) ? s : { ...s, status: op.status };
    case 'scenarioFinished':
      return TERMINAL_SCENARIO_STATUSES.has(s.status)
        ? s
        : {
            ...s,
            status: op.status,
            forceDeleted: op.forceDeleted,
            errors: op.errors.reduce(appendError, s.errors),
          };
    case 'resourceEvent': {
      const id = op.resourceId.toLowerCase();
      if (op.kind === 'created') return { ...s, created: addUnique(s.created, id) };
      if (op.kind === 'deleted')
        return {
          ...s,
          deleted: addUnique(s.deleted, id),
          deletionFailed: s.deletionFailed.filter((r) => r !== id),
        };
      return s.deleted.includes(id) ? s : { ...s, deletionFailed: addUnique(s.deletionFailed, id) };
    }
    case 'error':
      return { ...s, errors: appendError(s.errors, op.message) };
  }
}

export function stepScenarioShard(
  state: ScenarioShardState,
  op: ScenarioShardOperation,
): Step<ScenarioShardState> {
  const before = state ?? emptyLedger();
  const after = applyToLedger(before, op);
  const delta: ScenarioDelta = {
    added: state === null,
    ...(state ? { from: state.status } : {}),
    to: after.status,
    created: after.created.length - before.created.length,
    deleted: after.deleted.length - before.deleted.length,
    deletionFailed: after.deletionFailed.length - before.deletionFailed.length,
    forceDeleted: after.forceDeleted - before.forceDeleted,
  };
  const reply = toRun(op.runId, op.scenarioId, delta);
  const unlisted = state === null && op.type !== 'enlist';
  return {
    state: state === null || after !== before ? after : state,
    signals: unlisted ? [reply, toRoster(op.runId, { type: 'added', scenarioId: op.scenarioId })] : [reply],
  };
}
