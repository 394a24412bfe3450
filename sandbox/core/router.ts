import type { SandboxRequest, SandboxResponse } from './http';

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Returns a response to refuse the request, or undefined to let it through. */
export type AuthCheck = (req: SandboxRequest) => SandboxResponse | undefined;

export interface RouteOptions {
  /** Operation name used by faults and the request log, e.g. `ResourceGroups_CreateOrUpdate`. */
  operation: string;
  /** Overrides the service's auth check for this route (`'none'` for anonymous routes). */
  auth?: AuthCheck | 'none';
}

export interface Route {
  service: string;
  method: string;
  pattern: string;
  operation: string;
  auth: AuthCheck | 'none';
  handler: Handler;
  match(path: string): Record<string, string> | undefined;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Compiles `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}` into a matcher.
 * `{name}` matches one segment; `{*name}` matches one or more segments (generic resource ids).
 * Matching ignores case, as ARM does; params keep the request's case.
 */
export function compilePattern(pattern: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) =>
      segment.replace(
        /\{(\*?)(\w+)\}|([^{]+)/g,
        (_all, star: string | undefined, name: string | undefined, literal: string | undefined) => {
          if (name) {
            names.push(name);
            return star ? '(.+)' : '([^/]+)';
          }
          return (literal ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        },
      ),
    )
    .join('/');
  const regex = new RegExp(`^${source}$`, 'i');
  return (path) => {
    const m = regex.exec(path);
    if (!m) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return params;
  };
}

/** Routes of one HTTPS server, possibly from several services; first registered match wins. */
export class Router {
  private readonly routes: Route[] = [];

  /** A view that stamps `service` and its default auth on every route it adds. */
  forService(service: string, auth: AuthCheck | 'none'): ServiceRouter {
    return new ServiceRouter(this, service, auth);
  }

  add(route: Omit<Route, 'match'>): void {
    this.routes.push({ ...route, match: compilePattern(route.pattern) });
  }

  /** Matches path and method; `methodMismatch` tells 405 from 404. */
  find(method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = route.match(path);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { route, params };
      methodMismatch = true;
    }
    return { methodMismatch };
  }
}

export class ServiceRouter {
  constructor(
    private readonly router: Router,
    readonly service: string,
    private readonly auth: AuthCheck | 'none',
  ) {}

  private on(method: string, pattern: string, options: RouteOptions | string, handler: Handler): this {
    const opts = typeof options === 'string' ? { operation: options } : options;
    this.router.add({
      service: this.service,
      method,
      pattern,
      operation: opts.operation,
      auth: opts.auth ?? this.auth,
      handler,
    });
    return this;
  }

  get(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('GET', pattern, options, handler);
  }
  put(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('PUT', pattern, options, handler);
  }
  post(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('POST', pattern, options, handler);
  }
  patch(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('PATCH', pattern, options, handler);
  }
  delete(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('DELETE', pattern, options, handler);
  }
  head(pattern: string, options: RouteOptions | string, handler: Handler): this {
    return this.on('HEAD', pattern, options, handler);
  }
}
