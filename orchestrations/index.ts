export { runOrchestration } from './run-orchestration';
export { scenarioOrchestration, SCENARIO_ROLES } from './scenario-orchestration';
export { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from './names';
export { callActivity, activityTask, ACTIVITY_RETRY } from './call-activity';
export { burstOffsetsMs } from './burst-schedule';
export type * from './types';
