import { RUN_OPERATIONS, type RunEntityState, type RunOperation } from '../contract/entities';
import { reducerEntity } from './entity-handler';
import { applyRunOperation, initialRunState } from './run-state';

export const runEntity = reducerEntity<RunEntityState, RunOperation>({
  initial: initialRunState,
  apply: applyRunOperation,
  operations: RUN_OPERATIONS,
});
