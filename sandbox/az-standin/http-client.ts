// REST over loopback HTTPS to the sandbox: bearer token, 429 retries, ARM long-running operations.
import { request } from 'node:https';
import { AzError } from './errors';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const MAX_RETRIES = 5;
const MAX_POLLS = 200;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function once(
  ca: Buffer,
  method: string,
  url: string,
  body: unknown,
  token: string | undefined,
  form?: string,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const payload =
      form !== undefined
        ? Buffer.from(form)
        : body === undefined
          ? undefined
          : Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      {
        method,
        ca,
        timeout: 30_000,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          accept: 'application/json',
          ...(payload
            ? {
                'content-type': form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json',
                'content-length': String(payload.length),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          if (text.length > 0) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${method} ${url} within 30 s`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const header = (r: HttpResponse, name: string): string | undefined => {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** A form POST without a token (the token endpoint). */
export function requestForm(ca: Buffer, url: string, fields: Record<string, string>): Promise<HttpResponse> {
  return once(ca, 'POST', url, undefined, undefined, new URLSearchParams(fields).toString());
}

export class SandboxHttp {
  constructor(
    private readonly ca: Buffer,
    /** Receives `METHOD path status` of every request (for the stand-in log). */
    private readonly record: (line: string) => void = () => undefined,
    /** The signed-in principal's bearer token for a URL (see login.ts). */
    private readonly token: (url: string) => Promise<string> = async () => {
      throw new AzError("Please run 'az login' to setup account.");
    },
  ) {}

  /** One request, retried on 429/503 and dropped connections (as the SDKs and az do). */
  async send(method: string, url: string, body?: unknown): Promise<HttpResponse> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      try {
        const r = await once(this.ca, method, url, body, await this.token(url));
        this.record(`${method} ${new URL(url).pathname} ${r.status}`);
        if ((r.status === 429 || r.status === 503 || r.status === 500) && attempt < MAX_RETRIES) {
          const after = Number(header(r, 'retry-after') ?? '1');
          await sleep(Math.min(Number.isFinite(after) ? after * 1000 : 1000, 5000) + 50 * attempt);
          continue;
        }
        return r;
      } catch (error) {
        lastError = error;
        await sleep(100 * (attempt + 1));
      }
    }
    throw new AzError(
      `${method} ${url} failed after ${MAX_RETRIES + 1} attempts: ${(lastError as Error)?.message ?? 'throttled'} — is the sandbox still running?`,
    );
  }

  /** A request that may start an ARM long-running operation: follows it to its end. */
  async arm(method: string, url: string, body?: unknown): Promise<HttpResponse> {
    const first = await this.send(method, url, body);
    const poll = header(first, 'azure-asyncoperation') ?? header(first, 'location');
    if ((first.status !== 201 && first.status !== 202) || !poll) return first;
    for (let i = 0; i < MAX_POLLS; i++) {
      const status = await this.send('GET', poll);
      const state = (status.body as { status?: string } | undefined)?.status;
      if (status.status === 200 && (state === undefined || state === 'Succeeded')) {
        // A create finished: answer with the resource itself, as az does.
        if (method === 'PUT' || method === 'PATCH') return this.send('GET', url);
        return { status: 200, headers: status.headers, body: first.body };
      }
      if (state === 'Failed' || state === 'Canceled' || status.status >= 400) {
        const error = (status.body as { error?: unknown } | undefined)?.error ?? status.body;
        return {
          status: status.status >= 400 ? status.status : 500,
          headers: status.headers,
          body: { error },
        };
      }
      await sleep(Math.min(Number(header(status, 'retry-after') ?? '0') * 1000, 2000) || 100);
    }
    throw new AzError(
      `the long-running operation of ${method} ${url} did not finish after ${MAX_POLLS} polls`,
    );
  }
}

/** az's way of printing a REST failure: `(Code) Message`, exit 3 for a missing resource. */
export function restError(r: HttpResponse, attempted: string): AzError {
  const error = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const code = error?.code ?? `HTTP${r.status}`;
  const message = error?.message ?? (typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? ''));
  return new AzError(
    `(${code}) ${message}\nCode: ${code}\nMessage: ${message}\n(while: ${attempted})`,
    r.status === 404 ? 3 : 1,
  );
}

export const ok = (r: HttpResponse): boolean => r.status >= 200 && r.status < 300;
