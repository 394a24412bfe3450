// Starts one agent job execution for a phase or burst. A retried activity (the host runs activities at least once)
// first looks for the execution an earlier attempt started, keyed by run, scenario, phase and burst, and reuses it
// while it runs or once it succeeded. One that already failed or was stopped is not reused: the retry starts the
// phase again (at most one live execution per key), since a crashed job will never send the completion event.
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { agentJobEnvironment } from './agent-job-env';

const IDENTITY_KEYS = ['HAYMAKER_RUN_ID', 'HAYMAKER_SCENARIO', 'HAYMAKER_PHASE', 'HAYMAKER_BURST'] as const;

export function createStartAgentJob(
  deps: Pick<Dependencies, 'settings' | 'agentJobs'>,
): ActivityHandler<'startAgentJob'> {
  return async (input) => {
    const env = agentJobEnvironment(input, deps.settings);
    const identity = Object.fromEntries(
      IDENTITY_KEYS.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]),
    );
    const { reusable, ended } = await deps.agentJobs.lookupExecutions(identity);
    const replaced = ended.length > 0 ? { replacedExecutions: ended } : {};
    if (reusable) return { executionName: reusable, ...replaced };
    return { ...(await deps.agentJobs.start(env)), ...replaced };
  };
}
