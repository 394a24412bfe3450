// Answers of the monitoring API: JSON bodies, the error envelope {"error":{"code","message","trace_id"}} and the
// trace id header. Every answer carries the trace id, so an operator can quote it and find the log line.
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { errorText } from '../../core/error-text';

export const TRACE_HEADER = 'x-trace-id';

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'run_not_found'
  | 'report_not_ready'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_runs'
  | 'unavailable'
  | 'internal';

const STATUS_OF: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  too_many_runs: 429,
  run_not_found: 404,
  report_not_ready: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** An expected failure with the status and message the caller gets. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const traceIdOf = (context: InvocationContext): string => context.invocationId;

export function json(context: InvocationContext, status: number, body: unknown): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { [TRACE_HEADER]: traceIdOf(context), 'cache-control': 'no-store' },
  };
}

export function html(context: InvocationContext, body: string): HttpResponseInit {
  return {
    status: 200,
    body,
    headers: {
      [TRACE_HEADER]: traceIdOf(context),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    },
  };
}

/** The error envelope; unexpected errors become 500 with a message that points at the log, never the stack. */
export function errorResponse(context: InvocationContext, error: unknown): HttpResponseInit {
  const traceId = traceIdOf(context);
  const known = error instanceof ApiError;
  const code: ApiErrorCode = known ? error.code : 'internal';
  const message = known
    ? error.message
    : `the request failed unexpectedly; search the Functions log for trace id ${traceId}`;
  const detail = errorText(error);
  const line = `api ${code} trace_id=${traceId}: ${detail}`;
  if (known) context.warn(line);
  else context.error(line);
  return {
    status: STATUS_OF[code],
    jsonBody: { error: { code, message, trace_id: traceId } },
    headers: { [TRACE_HEADER]: traceId, 'cache-control': 'no-store' },
  };
}
