import { request } from 'node:https';
import { Client, MiddlewareFactory, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { Sandbox } from '../../sandbox';

/**
 * The Graph client's last middleware, sending over node:https with the sandbox CA. The SDK sends
 * through the global fetch, which trusts extra CAs only via NODE_EXTRA_CA_CERTS at process start;
 * every other middleware (auth with customHosts, retry, redirect) is the SDK's own.
 */
class SandboxTlsHandler implements Middleware {
  constructor(private readonly ca: string) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
    const options = context.options ?? {};
    const headers: Record<string, string> = {};
    new Headers(options.headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => {
      headers[k] = v;
    });
    const body =
      options.body === undefined || options.body === null ? undefined : Buffer.from(options.body as string);
    context.response = await new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        { method: options.method ?? 'GET', headers, ca: this.ca, agent: false, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 500;
            const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, headers: out }));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out calling ${url}`)));
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  }
}

/** A Graph client against the sandbox: its base URL, customHosts for the token, the sandbox CA. */
export function sandboxGraphClient(sandbox: Sandbox): Client {
  const authProvider = {
    getAccessToken: async () =>
      (await sandbox.credential.getToken('https://graph.microsoft.com/.default'))!.token,
  };
  const chain = MiddlewareFactory.getDefaultMiddlewareChain(authProvider);
  chain[chain.length - 1] = new SandboxTlsHandler(sandbox.caCert);
  return Client.initWithMiddleware({
    middleware: chain,
    baseUrl: `${sandbox.endpoints.graph}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(sandbox.endpoints.graph).hostname]),
  });
}
