import { RetryPolicy } from './records';

/** Delay before the attempt after `failedAttempt` (1-based), as DTFx computes it. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  const base =
    policy.firstRetryIntervalInMilliseconds * Math.pow(policy.backoffCoefficient ?? 1, failedAttempt - 1);
  const cap =
    policy.maxRetryIntervalInMilliseconds && policy.maxRetryIntervalInMilliseconds > 0
      ? policy.maxRetryIntervalInMilliseconds
      : Infinity;
  return Math.max(0, Math.min(base, cap));
}
