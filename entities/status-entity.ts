import { STATUS_OPERATIONS, type StatusEntityState, type StatusOperation } from '../contract/entities';
import { reducerEntity } from './entity-handler';
import { applyStatusOperation, initialStatusState } from './status-state';

export const statusEntity = reducerEntity<StatusEntityState, StatusOperation>({
  initial: initialStatusState,
  apply: applyStatusOperation,
  operations: STATUS_OPERATIONS,
});
