import { RUN_OPERATIONS, type RunOperation, type RunRecordState } from '../contract/entities';
import {
  RUN_ROSTER_OPERATIONS,
  SCENARIO_SHARD_OPERATIONS,
  type RunRosterOperation,
  type RunRosterState,
  type ScenarioShardOperation,
} from '../contract/run-shards';
import { reducerEntity } from './entity-handler';
import { applyRosterOperation, initialRosterState } from './run-roster-state';
import { initialRunState, stepRun } from './run-state';
import { stepScenarioShard, type ScenarioShardState } from './scenario-shard-state';

export const runEntity = reducerEntity<RunRecordState, RunOperation>({
  initial: initialRunState,
  step: stepRun,
  operations: RUN_OPERATIONS,
});

export const runScenarioEntity = reducerEntity<ScenarioShardState, ScenarioShardOperation>({
  initial: () => null,
  step: stepScenarioShard,
  operations: SCENARIO_SHARD_OPERATIONS,
});

export const runRosterEntity = reducerEntity<RunRosterState, RunRosterOperation>({
  initial: initialRosterState,
  apply: applyRosterOperation,
  operations: RUN_ROSTER_OPERATIONS,
});
