import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

/** A deadline passed: stop the execution. An execution that no longer exists counts as not stopped (nothing ran). */
export function createStopAgentJob(deps: Pick<Dependencies, 'agentJobs'>): ActivityHandler<'stopAgentJob'> {
  return async ({ executionName }) => ({ stopped: (await deps.agentJobs.stop(executionName)) === 'stopped' });
}
