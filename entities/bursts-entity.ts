import { BURSTS_OPERATIONS, type BurstsEntityState, type BurstsOperation } from '../contract/bursts';
import { reducerEntity } from './entity-handler';
import { applyBurstsOperation, initialBurstsState } from './bursts-state';

export const burstsEntity = reducerEntity<BurstsEntityState, BurstsOperation>({
  initial: initialBurstsState,
  apply: applyBurstsOperation,
  operations: BURSTS_OPERATIONS,
});
