// The monitoring API over fetch: the function key in x-functions-key, the error envelope turned into a CliError whose
// exit code says what went wrong (400 → 2, 404 → 3, anything else → 1).
import { CliError, EXIT } from './errors';
import type { ApiTarget } from './target';

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  readonly target: ApiTarget;
  get<T>(path: string, query?: Query): Promise<T>;
  getText(path: string, query?: Query): Promise<string>;
  post<T>(path: string, body?: unknown, query?: Query): Promise<T>;
}

interface ErrorEnvelope {
  error?: { code?: string; message?: string; trace_id?: string };
}

const TIMEOUT_MS = 30_000;

export function createApiClient(target: ApiTarget): ApiClient {
  const url = (path: string, query: Query = {}) => {
    const u = new URL(`${target.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  };

  async function request(method: string, path: string, query?: Query, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (target.key) headers['x-functions-key'] = target.key;
    if (target.bearer) headers.authorization = `Bearer ${await target.bearer()}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const where = url(path, query);
    let res: Response;
    try {
      res = await fetch(where, {
        method,
        headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(
        `could not reach the HayMaker API at ${target.baseUrl} (${cause}; endpoint from ${target.source}) — start one with \`haymaker start\`, or pass --endpoint / set HAYMAKER_ENDPOINT (docs/cli.md)`,
      );
    }
    if (res.ok) return res;
    const text = await res.text();
    let envelope: ErrorEnvelope = {};
    try {
      envelope = JSON.parse(text) as ErrorEnvelope;
    } catch {
      /* not the envelope: plain text from the host (401) */
    }
    const trace = envelope.error?.trace_id ?? res.headers.get('x-trace-id');
    const message = envelope.error?.message ?? (text.trim() || res.statusText);
    if (res.status === 401 || res.status === 403)
      throw new CliError(
        `${method} ${path} was refused (${res.status}: ${message}): for a deployment, sign in with \`azd auth login\` or \`az login\` as a user or app holding the API's app role HayMaker.Read (HayMaker.Operate to start, terminate, rewind or sweep), with HAYMAKER_API_CLIENT_ID or the azd environment's AZURE_API_CLIENT_ID naming the API; for a local run, pass its key with --key, HAYMAKER_KEY or "key" in ~/.haymaker.json`,
      );
    const code = res.status === 404 ? EXIT.notFound : res.status === 400 ? EXIT.usage : EXIT.failure;
    throw new CliError(`${message}${trace ? ` (trace id ${trace})` : ''}`, code);
  }

  return {
    target,
    get: async <T>(path: string, query?: Query) => (await (await request('GET', path, query)).json()) as T,
    getText: async (path, query) => (await request('GET', path, query)).text(),
    post: async <T>(path: string, body?: unknown, query?: Query) =>
      (await (await request('POST', path, query, body)).json()) as T,
  };
}
