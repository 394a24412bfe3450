import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ManagementApi } from '../durable/management';
import type { FunctionRegistration } from '../functions-core-standin';
import type { HostLogger, InvocationDeps } from '../invocation';
import { handleWebhook, WEBHOOK_PREFIX } from './durable-webhooks';
import { handleHttpTrigger, httpRoutes } from './http-triggers';
import { readBody } from './read-body';

export interface HostServerOptions {
  port: number;
  registrations: FunctionRegistration[];
  /** host.json extensions.http.routePrefix, without slashes ('' = HTTP functions at the root). */
  routePrefix: string;
  hostKey: string;
  taskHubName: string;
  management: ManagementApi;
  deps: InvocationDeps;
  logger: HostLogger;
}

export interface HostServer {
  url: string;
  /** The keyless loopback channel of the durable client (rpcBaseUrl), apart from the public port. */
  rpcUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the durable management webhooks and the app's HTTP functions on 127.0.0.1. */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const routes = httpRoutes(options.registrations);
  const prefix = options.routePrefix ? `/${options.routePrefix}` : '';
  let baseUrl = '';
  const serveWebhook = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: Buffer,
    viaRpc: boolean,
  ) => {
    const reply = await handleWebhook(
      options.management,
      (req.method ?? 'GET').toUpperCase(),
      url,
      body.toString('utf8'),
      baseUrl,
      options.taskHubName,
      { hostKey: options.hostKey, viaRpc, header: req.headers['x-functions-key'] as string | undefined },
    );
    const text = typeof reply.body === 'string';
    res.writeHead(reply.status, {
      'content-type': text ? 'text/plain; charset=utf-8' : 'application/json',
      ...reply.headers,
    });
    res.end(reply.body === undefined ? '' : text ? reply.body : JSON.stringify(reply.body));
  };
  const fail = (req: http.IncomingMessage, res: http.ServerResponse) => (err: unknown) => {
    options.logger(
      'error',
      `request ${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`,
    );
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('embedded host error; see the host log');
  };
  const rpc = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const body = await readBody(req);
      if (url.pathname.startsWith(`${WEBHOOK_PREFIX}/`)) return serveWebhook(req, res, url, body, true);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('the durable RPC channel serves only the management API');
    })().catch(fail(req, res));
  });
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const body = await readBody(req);
      if (url.pathname.startsWith(`${WEBHOOK_PREFIX}/`)) return serveWebhook(req, res, url, body, false);
      const underPrefix = !prefix || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
      const reply = underPrefix
        ? await handleHttpTrigger(routes, req, url, url.pathname.slice(prefix.length), body, options)
        : undefined;
      if (!reply) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`no function serves ${req.method} ${url.pathname}`);
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch(fail(req, res));
  });
  // Node closes an idle keep-alive connection after 5 s, and a client that picks that socket at the same moment gets
  // ECONNRESET (the durable client's webhook calls did, under load). The Functions host keeps them for minutes.
  for (const s of [server, rpc]) {
    s.keepAliveTimeout = 120_000;
    s.headersTimeout = 125_000;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new Error(
          `embedded host could not listen on 127.0.0.1:${options.port}: ${err.message} — set HAYMAKER_PORT or pass port: 0`,
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => rpc.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    rpcUrl: `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`,
    port,
    close: async () => {
      for (const s of [server, rpc]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
