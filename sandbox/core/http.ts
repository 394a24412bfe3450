import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../entra/tokens';

/** A request as services see it: body already read, path normalised, params from the route. */
export interface SandboxRequest {
  method: string;
  /** Path with `//` collapsed and no trailing slash; original case kept. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  rawBody: Buffer;
  /** Parsed JSON body, `undefined` when empty or not JSON. */
  body: unknown;
  /** Base URL of the server that received it (`https://127.0.0.1:PORT`), for Location headers. */
  baseUrl: string;
  service: string;
  operation: string;
  /** Who called, from the verified access token (set by the service's auth check). */
  caller?: Caller;
  /** Set by every authorization decision; a success answer without one is a sandbox defect. */
  decided?: boolean;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
  /** For streaming services (e.g. server-sent events): write the body yourself. */
  stream?: (write: (chunk: string) => void) => Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, body, headers };
}

export function noContent(status = 204, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers };
}

/** Azure's error body: `{"error":{"code","message"}}`. */
export function azureError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, body: { error: { code, message } }, headers };
}

export function notFound(what: string, code = 'ResourceNotFound'): SandboxResponse {
  return azureError(404, code, `${what} was not found.`);
}

/** Collapses `//` (the SDKs' ById calls send `//subscriptions/...`) and drops a trailing slash. */
export function normalisePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}
