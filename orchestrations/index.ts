export { runOrchestration } from './run-orchestration';
export { scenarioOrchestration, SCENARIO_ROLES } from './scenario-orchestration';
export { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from './names';
export { callActivity, ACTIVITY_RETRY } from './call-activity';
export { envelope, type ActivityEnvelope } from './activity-envelope';
export { burstOffsetsMs } from './burst-schedule';
export type * from './types';
