import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerClaimsOf, callerOf } from './caller';
import type { Faults } from './faults';
import { azureError, normalisePath, type SandboxRequest, type SandboxResponse } from './http';
import type { RequestLog } from './request-log';
import type { Router } from './router';
import type { SandboxTls } from './tls';

const maxBodyBytes = 20 * 1024 * 1024;

export interface HttpsServerOptions {
  endpoint: string;
  tls: SandboxTls;
  router: Router;
  faults: Faults;
  log: RequestLog;
  port?: number;
  /** Routes under `/_sandbox/` (admin): no auth, no faults. */
  admin?: Router;
  /** Called after every request that may have changed state (not GET/HEAD). */
  onMutation?: () => void;
  /** The sandbox clock: request log entries carry the time a request arrived on it (`startedAt`). */
  clock?: { now(): number };
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error(`request body larger than ${maxBodyBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType && !/json/i.test(contentType) && !/^\s*[[{]/.test(raw.toString('utf8', 0, 16)))
    return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** One HTTPS server on loopback serving the routes of every service bound to `endpoint`. */
export async function startHttpsServer(options: HttpsServerOptions): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const startedAt = options.clock?.now() ?? started;
    // Parsed against a fixed origin after collapsing `//`, which URL would otherwise read as a host.
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const url = new URL(
      `https://sandbox${normalisePath(q < 0 ? rawUrl : rawUrl.slice(0, q))}${q < 0 ? '' : rawUrl.slice(q)}`,
    );
    const path = normalisePath(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const isAdmin = /^\/_sandbox(\/|$)/i.test(path);
    const router = isAdmin && options.admin ? options.admin : options.router;
    const found = router.find(method, path);
    const service = 'route' in found ? found.route.service : isAdmin ? 'admin' : options.endpoint;
    const operation = 'route' in found ? found.route.operation : 'Unknown';
    let fault: string | undefined;
    let decidedHeaders: Record<string, string> = {};
    // ARM keeps the client's correlation id or makes one, and answers with it (x-ms-correlation-request-id).
    const sentCorrelation = req.headers['x-ms-correlation-request-id'];
    const correlationId = typeof sentCorrelation === 'string' ? sentCorrelation : randomUUID();
    const caller = callerClaimsOf(req.headers);

    const finish = (status: number) =>
      options.log.add({
        time: new Date(started).toISOString(),
        endpoint: options.endpoint,
        service,
        operation,
        method,
        path,
        query: url.search.replace(/^\?/, ''),
        status,
        durationMs: Date.now() - started,
        ...(fault ? { fault } : {}),
        ...(caller ? { caller } : {}),
        correlationId,
        startedAt,
      });
    const send = (response: SandboxResponse) =>
      writeResponse(res, {
        ...response,
        headers: { 'x-ms-correlation-request-id': correlationId, ...response.headers },
      }).then(() => finish(response.status));

    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      await send(
        azureError(413, 'RequestEntityTooLarge', `could not read the request body: ${String(error)}`),
      );
      return;
    }
    if (!('route' in found)) {
      await send(
        found.methodMismatch
          ? azureError(405, 'MethodNotAllowed', `The sandbox does not support ${method} on ${path}.`)
          : azureError(
              404,
              'NotFound',
              `The sandbox has no operation for ${method} ${path} on the ${options.endpoint} endpoint. Check the URL or add the operation to sandbox/.`,
            ),
      );
      return;
    }
    const request: SandboxRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      params: found.params,
      rawBody,
      body: parseJson(rawBody, req.headers['content-type']),
      baseUrl,
      service,
      operation,
    };
    const { route } = found;
    if (route.auth !== 'none') {
      const refused = route.auth(request);
      if (refused) {
        await send(refused);
        return;
      }
    }
    if (!isAdmin) {
      const decision = options.faults.decide({
        endpoint: options.endpoint,
        service,
        operation,
        method,
        path,
        principal: callerOf(req.headers),
      });
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.kind === 'drop') {
        fault = decision.rule;
        req.socket.destroy();
        finish(0);
        return;
      }
      if (decision.kind === 'error') {
        fault = decision.rule;
        await send(azureError(decision.status, decision.code, decision.message, decision.headers));
        return;
      }
      decidedHeaders = decision.headers;
    }
    let response: SandboxResponse;
    try {
      response = await route.handler(request);
      // Deny by default: a route that answers success without an authorization decision is a sandbox defect.
      if (route.auth !== 'none' && !isAdmin && response.status < 400 && !request.decided)
        response = azureError(
          500,
          'SandboxAuthorizationMissing',
          `The sandbox answered ${service}/${operation} without an authorization decision; every route must authorize (sandbox/authz).`,
        );
    } catch (error) {
      response = azureError(
        500,
        'InternalServerError',
        `The sandbox failed on ${service}/${operation}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await send({ ...response, headers: { ...decidedHeaders, ...response.headers } });
    if (method !== 'GET' && method !== 'HEAD') options.onMutation?.();
  }

  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(error) } }));
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function writeResponse(res: ServerResponse, response: SandboxResponse): Promise<void> {
  if (res.destroyed) return;
  const headers: Record<string, string> = { 'x-ms-request-id': cryptoId(), ...response.headers };
  if (response.stream) {
    res.writeHead(response.status, headers);
    await response.stream((chunk) => res.write(chunk));
    res.end();
    return;
  }
  let body: string | Buffer | undefined;
  if (response.body === undefined) body = undefined;
  else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) body = response.body;
  else {
    body = JSON.stringify(response.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(body);
}

let counter = 0;
function cryptoId(): string {
  counter += 1;
  return `sandbox-${process.pid}-${counter}`;
}
