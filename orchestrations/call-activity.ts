// The one way orchestrations call activities: typed by contract/activities.ts, with retry options chosen per
// activity so a renamed activity or a changed payload fails to compile and every call retries the same way.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { ActivityInput, ActivityName, ActivityOutput } from '../contract/activities';
import { isActivityEnvelope } from '../contract/activity-envelope';
import { errorMessage } from './outcome';

export interface ActivityRetryPolicy {
  firstRetryIntervalMs: number;
  maxAttempts: number;
  backoffCoefficient: number;
  maxRetryIntervalMs: number;
}

const policy = (
  firstRetryIntervalMs: number,
  maxAttempts: number,
  maxRetryIntervalMs = 5 * 60_000,
): ActivityRetryPolicy => ({
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
  createResourceGroups: policy(10_000, 5),
  assignRoles: policy(15_000, 5),
  startAgentJob: policy(10_000, 4),
  stopAgentJob: policy(5_000, 3),
  findTaggedResources: policy(10_000, 4),
  forceDeleteResources: policy(30_000, 3),
  deletePrincipal: policy(15_000, 5),
  writeReport: policy(5_000, 3),
  janitorSweep: policy(30_000, 2),
  collectHay: policy(30_000, 3),
};

/** The delay before retry number `retry` (1-based) under a policy: exponential, capped. */
export function retryDelayMs(policy: ActivityRetryPolicy, retry: number): number {
  return Math.min(
    policy.firstRetryIntervalMs * policy.backoffCoefficient ** (retry - 1),
    policy.maxRetryIntervalMs,
  );
}

/**
 * `const principal = yield* callActivity(context, 'provisionPrincipal', input)` — typed result. The activity answers
 * with an envelope (activity-envelope.ts); a failed answer is retried here on a durable timer, per ACTIVITY_RETRY, and
 * the last failure is thrown inside the orchestrator, where `attempt` turns it into an outcome. A TaskFailed (the
 * platform failed the invocation itself, e.g. a timeout) is retried the same way.
 */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
): Generator<Task, ActivityOutput<N>, any> {
  const policy = ACTIVITY_RETRY[name];
  const attempts = policy?.maxAttempts ?? 1;
  for (let attemptNo = 1; ; attemptNo++) {
    let error: string;
    try {
      const answer: unknown = yield context.df.callActivity(name, input);
      if (!isActivityEnvelope(answer))
        throw new Error(
          `activity ${name} answered without an envelope; is it registered through app/main.ts?`,
        );
      if (answer.ok) return answer.value as ActivityOutput<N>;
      error = answer.error;
    } catch (thrown) {
      error = errorMessage(thrown);
    }
    if (attemptNo >= attempts || !policy)
      throw new Error(
        `activity ${name} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${error}`,
      );
    yield context.df.createTimer(
      new Date(context.df.currentUtcDateTime.getTime() + retryDelayMs(policy, attemptNo)),
    );
  }
}
