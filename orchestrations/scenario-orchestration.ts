// One scenario, start to finish, as a sequence of named steps (orchestrations/scenario/): its resource groups →
// principal → roles at those groups → propagation timer → deploy → operations window → agent cleanup → verify
// cleanup → delete principal → collect its hay (the Activity Log events the principal caused). It never
// throws: every failure becomes part of the ScenarioOutcome, and verification and principal deletion always run.
// Timers and events only, so history does not grow with the window.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { ScenarioOutcome } from '../contract/orchestrations';
import { errorMessage } from './outcome';
import { agentCleanup, deploy, operate } from './scenario/agent-jobs';
import { deletePrincipal, reportOutcome, verifyCleanup } from './scenario/finish';
import { collectHay } from './scenario/hay';
import {
  assignRoles,
  createResourceGroups,
  provisionPrincipal,
  waitForRolePropagation,
} from './scenario/prepare';
import { skip, startScenarioRun, type ScenarioRun } from './scenario/scenario-run';

export { LEGACY_SCENARIO_ROLES } from './scenario/prepare';

export function* scenarioOrchestration(context: OrchestrationContext): Generator<Task, ScenarioOutcome, any> {
  const run = startScenarioRun(context);
  run.log.info(`scenario ${run.input.scenarioId} of run ${run.input.runId} started`);
  try {
    yield* prepareAndRunAgent(run);
  } catch (error) {
    // Only a bug lands here (every task failure is caught by the steps); still verify and delete the principal.
    run.draft.errors.push(`scenario orchestration error: ${errorMessage(error)}`);
  }
  yield* verifyCleanup(run);
  yield* deletePrincipal(run);
  yield* collectHay(run);
  return reportOutcome(run);
}

/** Steps 0 to 6; a step that fails records the steps it makes impossible as skipped. */
function* prepareAndRunAgent(run: ScenarioRun): Generator<Task, void, any> {
  if (!(yield* createResourceGroups(run)))
    return skip(run, 'provisionPrincipal', 'assignRoles', 'rolePropagation', 'deploy', 'operate', 'cleanup');
  if (!(yield* provisionPrincipal(run)))
    return skip(run, 'assignRoles', 'rolePropagation', 'deploy', 'operate', 'cleanup');
  if (!(yield* assignRoles(run))) return skip(run, 'rolePropagation', 'deploy', 'operate', 'cleanup');
  yield* waitForRolePropagation(run);

  const deployed = yield* deploy(run);
  if (deployed.status === 'timedOut') return skip(run, 'operate', 'cleanup');
  // Nothing to operate after a failed deploy; the agent's cleanup still removes what the deploy got to.
  if (deployed.status !== 'succeeded') skip(run, 'operate');
  else if ((yield* operate(run)) === 'timedOut') return skip(run, 'cleanup');
  yield* agentCleanup(run);
}
