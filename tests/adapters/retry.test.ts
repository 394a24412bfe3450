import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { delayBeforeRetryMs, isRetryable, withRetry } from '../../adapters/retry';

const restError = (statusCode: number, headers: Record<string, string> = {}, code?: string): RestError => {
  const request = createPipelineRequest({ url: 'https://example.invalid/' });
  return new RestError(`status ${statusCode}`, {
    statusCode,
    code,
    request,
    response: { status: statusCode, headers: createHttpHeaders(headers), request },
  });
};

describe('backoff schedule', () => {
  it('doubles from one second and caps at sixty for seven attempts', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => delayBeforeRetryMs(attempt, restError(503)));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('prefers Retry-After over the schedule, capped at the maximum', () => {
    expect(delayBeforeRetryMs(1, restError(429, { 'retry-after': '3' }))).toBe(3000);
    expect(delayBeforeRetryMs(1, restError(429, { 'retry-after': '600' }))).toBe(60000);
    expect(delayBeforeRetryMs(3, restError(503))).toBe(4000);
  });

  it('retries throttling, server errors and (only for deletes) conflicts, never 404 or 400', () => {
    expect(isRetryable(restError(429))).toBe(true);
    expect(isRetryable(restError(503))).toBe(true);
    expect(isRetryable(restError(404))).toBe(false);
    expect(isRetryable(restError(400))).toBe(false);
    expect(isRetryable(restError(409))).toBe(false);
    expect(isRetryable(restError(409), true)).toBe(true);
  });
});

describe('withRetry', () => {
  it('recovers from a 429 burst, waiting what the server asked', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw restError(429, { 'retry-after': '2' });
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up after seven attempts with the last error and no wait after the last', async () => {
    const waits: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw restError(503);
        },
        { sleep: async (ms) => void waits.push(ms) },
      ),
    ).rejects.toMatchObject({ statusCode: 503 });
    expect(calls).toBe(7);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
  });

  it('throws a 404 at once so callers can treat it as an answer', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw restError(404);
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect(calls).toBe(1);
  });
});
