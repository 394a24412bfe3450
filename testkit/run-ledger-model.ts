// The sharded run ledger in one process, for tests: the run entity, its scenario shards and roster (the real
// reducers) with every signal delivered at once, in order, until none is left. What a reader would see once the
// runtime has delivered everything, so reducer tests and view tests can build a run from operations.
import {
  RUN_ENTITY_NAME,
  type RunEntityState,
  type RunOperation,
  type RunRecordState,
  type ScenarioLedger,
} from '../contract/entities';
import { RUN_SCENARIO_ENTITY_NAME, type ScenarioShardOperation } from '../contract/run-shards';
import type { EntityMessage } from '../entities/entity-handler';
import { initialRunState, stepRun } from '../entities/run-state';
import { stepScenarioShard } from '../entities/scenario-shard-state';

export const initialRunView = (runId = ''): RunEntityState => ({ ...initialRunState(runId), scenarios: {} });

/** Applies `ops` in order to the run and delivers every signal they cause; `key` is the run entity's key. */
export function applyRunOperations(
  ops: readonly RunOperation[],
  state = initialRunView(),
  key = state.runId,
): RunEntityState {
  const { scenarios, ...rest } = state;
  let record: RunRecordState = rest;
  const shards = new Map<string, ScenarioLedger>(Object.entries(scenarios));
  const queue: EntityMessage[] = [];
  const runStep = (o: RunOperation) => {
    const step = stepRun(record, o, key);
    record = step.state;
    queue.push(...step.signals);
  };
  for (const op of ops) {
    runStep(op);
    for (let m = queue.shift(); m; m = queue.shift()) {
      const input = { ...m.input, type: m.operation };
      if (m.entity.name === RUN_ENTITY_NAME) runStep(input as RunOperation);
      if (m.entity.name === RUN_SCENARIO_ENTITY_NAME) {
        const shardOp = input as ScenarioShardOperation;
        const step = stepScenarioShard(shards.get(shardOp.scenarioId) ?? null, shardOp);
        if (step.state) shards.set(shardOp.scenarioId, step.state);
        queue.push(...step.signals);
      }
      // The roster lists what the shards map already holds, in the same order.
    }
  }
  return { ...record, scenarios: Object.fromEntries(shards) };
}

export const applyRunOperation = (
  state: RunEntityState,
  op: RunOperation,
  key = state.runId,
): RunEntityState => applyRunOperations([op], state, key);
