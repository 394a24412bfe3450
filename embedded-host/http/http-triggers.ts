import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FunctionRegistration } from '../functions-core-standin';
import { invoke, InvocationDeps } from '../invocation';
import { matchRoute } from './route-match';

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface HttpRoute {
  reg: FunctionRegistration;
  template: string;
  methods: string[];
  authLevel: string;
}

export function httpRoutes(registrations: FunctionRegistration[]): HttpRoute[] {
  return registrations
    .filter((r) => r.trigger.type === 'httpTrigger')
    .map((reg) => ({
      reg,
      template: (reg.trigger.route as string | undefined) ?? reg.name,
      methods: ((reg.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase()),
      authLevel: ((reg.trigger.authLevel as string | undefined) ?? 'anonymous').toLowerCase(),
    }));
}

function keyMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves `/<routePrefix>/<route>`: route parameters, method filter, and `function`/`admin` keys. `path` is the
 * request path after the route prefix.
 */
export async function handleHttpTrigger(
  routes: HttpRoute[],
  req: IncomingMessage,
  url: URL,
  path: string,
  body: Buffer,
  { hostKey, deps }: { hostKey: string; deps: InvocationDeps },
): Promise<HttpReply | undefined> {
  const method = (req.method ?? 'GET').toUpperCase();
  let methodMismatch = false;
  for (const route of routes) {
    const params = matchRoute(route.template, path);
    if (!params) continue;
    if (!route.methods.includes(method)) {
      methodMismatch = true;
      continue;
    }
    if (route.authLevel !== 'anonymous') {
      const given =
        (req.headers['x-functions-key'] as string | undefined) ?? url.searchParams.get('code') ?? undefined;
      if (!keyMatches(given, hostKey)) {
        return text(
          401,
          `function "${route.reg.name}" needs a key (authLevel ${route.authLevel}): send the host key in x-functions-key or ?code=`,
        );
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const request = new deps.functionsModule.HttpRequest({
      method,
      url: url.href,
      headers,
      query,
      params,
      body: body.length ? { bytes: body } : undefined,
    });
    let result: unknown;
    try {
      result = await invoke(route.reg, request, deps);
    } catch (err) {
      deps.logger('error', `HTTP function "${route.reg.name}" threw: ${(err as Error).message}`);
      return text(500, `function "${route.reg.name}" failed; see the host log`);
    }
    return toReply(result, deps);
  }
  return methodMismatch ? text(405, `method ${method} is not allowed on ${url.pathname}`) : undefined;
}

async function toReply(result: unknown, deps: InvocationDeps): Promise<HttpReply> {
  if (result === undefined || result === null) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  const { HttpResponse } = deps.functionsModule;
  const response = result instanceof HttpResponse ? result : new HttpResponse(result as never);
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers, body };
}

function text(status: number, message: string): HttpReply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) };
}
