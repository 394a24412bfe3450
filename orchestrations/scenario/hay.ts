// 9. Ground truth: once the principal is gone, wait out the Activity Log's ingestion delay on a durable timer and
// collect what the principal did (one activity; the events stay in the report store, history gets a summary).
import type { Task } from 'durable-functions';
import { attempt } from '../attempt';
import { callActivity } from '../call-activity';
import type { ScenarioRun } from './scenario-run';

/**
 * Azure Monitor's average ingestion latency is "between 20 seconds and 3 minutes"
 * (https://learn.microsoft.com/azure/azure-monitor/logs/data-ingestion-time); ten minutes leaves room for the tail.
 * Orchestration time: a scaled local run waits it scaled, as the sandbox scales its delay.
 */
export const HAY_COLLECTION_DELAY_MS = 10 * 60_000;

export function* collectHay(run: ScenarioRun): Generator<Task, void, any> {
  const principal = run.principal;
  if (!principal || !run.input.collectHay) return;
  const df = run.context.df;
  yield df.createTimer(new Date(df.currentUtcDateTime.getTime() + HAY_COLLECTION_DELAY_MS));
  const collected = yield* attempt(
    callActivity(run.context, 'collectHay', {
      ...run.scenario,
      principal: { appId: principal.appId, servicePrincipalId: principal.servicePrincipalId },
    }),
  );
  if (collected.ok) run.draft.hay = collected.value;
  else {
    run.draft.hay = { error: collected.error };
    run.log.warn(`could not collect the scenario's hay: ${collected.error}`);
  }
}
