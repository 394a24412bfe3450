import { reducerEntity } from './entity-handler';
import {
  applyStatusOperation,
  initialStatusState,
  type StatusEntityState,
  type StatusOperation,
} from './status-state';

export const STATUS_OPERATIONS: readonly StatusOperation['type'][] = [
  'runStarted',
  'runFinished',
  'nextScheduled',
];

export const statusEntity = reducerEntity<StatusEntityState, StatusOperation>({
  initial: initialStatusState,
  apply: applyStatusOperation,
  operations: STATUS_OPERATIONS,
});
