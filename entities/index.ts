export * from './run-state';
export * from './status-state';
export { runEntity, RUN_OPERATIONS } from './run-entity';
export { statusEntity, STATUS_OPERATIONS } from './status-entity';
export { reducerEntity } from './entity-handler';
