// The one way orchestrations call activities: typed by activities/contract.ts, with retry options chosen per
// activity so a renamed activity or a changed payload fails to compile and every call retries the same way.
import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
// eslint-disable-next-line no-restricted-imports -- type-only import of the activity contract (no runtime code)
import type { ActivityInput, ActivityName, ActivityOutput } from '../activities/contract';

export interface ActivityRetryPolicy {
  firstRetryIntervalMs: number;
  maxAttempts: number;
  backoffCoefficient: number;
  maxRetryIntervalMs: number;
}

const policy = (firstRetryIntervalMs: number, maxAttempts: number, maxRetryIntervalMs = 5 * 60_000): ActivityRetryPolicy => ({
  firstRetryIntervalMs,
  maxAttempts,
  backoffCoefficient: 2,
  maxRetryIntervalMs,
});

/**
 * Why these numbers: activities already retry transient HTTP faults inside (adapters' retry policy); these
 * durable retries cover a lost worker or a longer outage. Graph replication lag makes principal and role calls
 * the slowest to settle. Configuration errors are not transient, so validation is not retried.
 */
export const ACTIVITY_RETRY: { readonly [N in ActivityName]: ActivityRetryPolicy | undefined } = {
  validateConfiguration: undefined,
  selectScenarios: policy(5_000, 3),
  recordAuditEvent: policy(2_000, 3),
  provisionPrincipal: policy(10_000, 5),
  assignRoles: policy(15_000, 5),
  startAgentJob: policy(10_000, 4),
  stopAgentJob: policy(5_000, 3),
  findTaggedResources: policy(10_000, 4),
  forceDeleteResources: policy(30_000, 3),
  deletePrincipal: policy(15_000, 5),
  writeReport: policy(5_000, 3),
  janitorSweep: policy(30_000, 2),
};

/** The durable task for one activity call (for Task.all / Task.any). */
export function activityTask<N extends ActivityName>(context: OrchestrationContext, name: N, input: ActivityInput<N>): Task {
  const retry = ACTIVITY_RETRY[name];
  if (!retry) return context.df.callActivity(name, input);
  const options = new df.RetryOptions(retry.firstRetryIntervalMs, retry.maxAttempts);
  options.backoffCoefficient = retry.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = retry.maxRetryIntervalMs;
  return context.df.callActivityWithRetry(name, options, input);
}

/** `const principal = yield* callActivity(context, 'provisionPrincipal', input)` — typed result. */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
): Generator<Task, ActivityOutput<N>, any> {
  return (yield activityTask(context, name, input)) as ActivityOutput<N>;
}
