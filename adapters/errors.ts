// Reads the HTTP status, error code and Retry-After out of the errors the different Azure SDK generations throw
// (core-rest-pipeline RestError, core-client RestError, Graph GraphError), so adapters decide on one shape.

export interface ErrorFacts {
  status?: number;
  code?: string;
  message: string;
  retryAfterMs?: number;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  const h = headers as { get?: (n: string) => string | undefined | null } & Record<string, unknown>;
  if (typeof h.get === 'function') {
    const value = h.get(name);
    if (value) return value;
  }
  const direct = h[name] ?? h[name.toLowerCase()];
  return typeof direct === 'string' ? direct : undefined;
}

/** Retry-After is either seconds or an HTTP date; both become milliseconds from now. */
export function parseRetryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function errorFacts(error: unknown): ErrorFacts {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null))
    return { message: String(error) };
  const e = error as Record<string, any>;
  const status: number | undefined =
    typeof e.statusCode === 'number'
      ? e.statusCode
      : typeof e.status === 'number'
        ? e.status
        : e.response?.status;
  const body = e.details ?? e.body ?? e.response?.parsedBody;
  const code: string | undefined =
    (typeof e.code === 'string' && e.code !== 'REST_ERROR' ? e.code : undefined) ??
    body?.error?.code ??
    body?.code;
  const headers = e.response?.headers ?? e.headers;
  const retryAfterMs = parseRetryAfterMs(headerValue(headers, 'retry-after'));
  return { status, code, message: typeof e.message === 'string' ? e.message : String(error), retryAfterMs };
}

export const isNotFound = (error: unknown): boolean => errorFacts(error).status === 404;

/** Wraps a failure with what was attempted and what to do next, keeping the status for callers. */
export class AdapterError extends Error {
  readonly status?: number;
  readonly code?: string;
  constructor(attempted: string, cause: unknown, nextStep?: string) {
    const facts = errorFacts(cause);
    const status =
      facts.status === undefined ? '' : ` (${facts.status}${facts.code ? ` ${facts.code}` : ''})`;
    super(`${attempted} failed${status}: ${facts.message}${nextStep ? ` — ${nextStep}` : ''}`, { cause });
    this.name = 'AdapterError';
    this.status = facts.status;
    this.code = facts.code;
  }
}

/** A hint for the operator, by status. */
export function nextStepFor(error: unknown, permission: string): string {
  const { status } = errorFacts(error);
  if (status === 401 || status === 403) return `grant ${permission} to the orchestrator identity`;
  if (status === 429 || (status !== undefined && status >= 500))
    return 'the service is throttling or failing; the call is retried, then the run reports it';
  return 'check the request and the service state';
}
