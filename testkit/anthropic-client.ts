import { request } from 'node:https';
import { Readable } from 'node:stream';
import Anthropic from '@anthropic-ai/sdk';
import type { Sandbox } from '../sandbox';

/**
 * A fetch over node:https that trusts the sandbox CA and streams the body (server-sent events).
 * The SDK's own fetch trusts extra CAs only through NODE_EXTRA_CA_CERTS at process start.
 */
export function httpsFetch(ca: string): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const body =
      init?.body === undefined || init.body === null ? undefined : Buffer.from(init.body as string);
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        { method: init?.method ?? 'GET', headers, ca, agent: false, timeout: 10_000 },
        (res) => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 500;
          const stream =
            status === 204 ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
          resolve(new Response(stream, { status, headers: out }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out calling ${url}`)));
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  };
}

/** The real Anthropic client pointed at the sandbox endpoint. */
export function sandboxAnthropic(
  sandbox: Sandbox,
  options: { maxRetries?: number; authToken?: boolean } = {},
): Anthropic {
  return new Anthropic({
    baseURL: sandbox.endpoints.anthropic,
    ...(options.authToken ? { apiKey: null, authToken: 'sandbox-token' } : { apiKey: 'sk-ant-sandbox' }),
    maxRetries: options.maxRetries ?? 0,
    fetch: httpsFetch(sandbox.caCert),
  });
}
