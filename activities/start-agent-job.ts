import type { ActivityHandler } from './contract';
import type { Dependencies } from './dependencies';
import { agentJobEnvironment } from './agent-job-env';

export function createStartAgentJob(
  deps: Pick<Dependencies, 'settings' | 'agentJobs'>,
): ActivityHandler<'startAgentJob'> {
  return async (input) => deps.agentJobs.start(agentJobEnvironment(input, deps.settings));
}
