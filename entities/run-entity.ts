import { reducerEntity } from './entity-handler';
import { applyRunOperation, initialRunState, type RunEntityState, type RunOperation } from './run-state';

export const RUN_OPERATIONS: readonly RunOperation['type'][] = [
  'started',
  'phaseChanged',
  'scenariosSelected',
  'scenarioStatus',
  'scenarioFinished',
  'resourceEvent',
  'sweepCompleted',
  'finished',
  'terminated',
  'error',
];

export const runEntity = reducerEntity<RunEntityState, RunOperation>({
  initial: initialRunState,
  apply: applyRunOperation,
  operations: RUN_OPERATIONS,
});
