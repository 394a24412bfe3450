// One retry policy for every Azure call: exponential backoff 1, 2, 4 … 60 s, at most 7 attempts, Retry-After
// honoured. The SDK clients are built with their own retries off so this is the only policy, and tests inject
// `sleep` so a throttled call does not cost real seconds.
import pRetry from 'p-retry';
import { errorFacts } from './errors';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Total attempts including the first (default 7). */
  attempts?: number;
  baseDelayInMs?: number;
  maxDelayInMs?: number;
  /** 409 answers are retried only where a conflict means "a dependency is still going away" (deletes). */
  retryOnConflict?: boolean;
  /** Extra answers worth retrying, e.g. a 400 PrincipalNotFound while Entra replicates a new principal. */
  retryWhen?: (error: unknown) => boolean;
  sleep?: Sleep;
  /** Called before each wait; for logging and tests. */
  onRetry?: (info: { attempt: number; delayInMs: number; status?: number; message: string }) => void;
}

const DEFAULT_ATTEMPTS = 7;
const DEFAULT_BASE_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 60_000;

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

export function isRetryable(error: unknown, retryOnConflict = false): boolean {
  const { status, code } = errorFacts(error);
  // Service Bus (AMQP) errors carry no HTTP status but say themselves whether a retry can help.
  if ((error as { retryable?: unknown } | null)?.retryable === true) return true;
  if (status === undefined) return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
  if (status === 409) return retryOnConflict;
  return RETRYABLE_STATUS.has(status);
}

/** The wait before the next attempt: the server's Retry-After when given (capped at max), else the schedule. */
export function delayBeforeRetryMs(
  failedAttempt: number,
  error: unknown,
  options: RetryOptions = {},
): number {
  const max = options.maxDelayInMs ?? DEFAULT_MAX_DELAY_MS;
  const retryAfter = errorFacts(error).retryAfterMs;
  if (retryAfter !== undefined) return Math.min(max, retryAfter);
  return Math.min(max, (options.baseDelayInMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** (failedAttempt - 1));
}

/** Runs `fn` with the policy; a non-retryable error (404, 400, 403, a 409 answer) is thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? realSleep;
  let last: unknown;
  return pRetry(
    async () => {
      try {
        return await fn();
      } catch (error) {
        last = error;
        if (!isRetryable(error, options.retryOnConflict) && !options.retryWhen?.(error))
          throw new pRetry.AbortError(error as Error);
        throw error;
      }
    },
    {
      retries: attempts - 1,
      // p-retry's own timer is disabled: the wait happens in onFailedAttempt so it can honour Retry-After
      // and use the injected sleep.
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      randomize: false,
      onFailedAttempt: async (error) => {
        if (error.retriesLeft <= 0) return;
        const delayInMs = delayBeforeRetryMs(error.attemptNumber, error, options);
        options.onRetry?.({
          attempt: error.attemptNumber,
          delayInMs,
          status: errorFacts(error).status,
          message: error.message,
        });
        await sleep(delayInMs);
      },
    },
  ).catch((error: unknown) => {
    // p-retry rejects with the most frequent error; the last one says most about why the call gave up.
    throw last ?? error;
  });
}
