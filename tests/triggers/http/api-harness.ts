// The monitoring API under test: the production app entry (dist/app/main.js) on the embedded host (port 0, manual
// clock), Azurite for the audit trail, and a loopback "cloud" that refuses every call with 403 so runs started
// through the API stop at their first Azure call instead of waiting out network retries.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedHost, type EmbeddedHost } from '../../../embedded-host';
import { realModule } from '../../../embedded-host/real-module';
import { AZURITE_SETUP_HOOK_TIMEOUT_MS, startAzurite, type Azurite } from '../../adapters/helpers/azurite';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const appEntry = path.join(repoRoot, 'dist', 'app', 'main.js');
export const HOST_KEY = 'api-test-host-key';
/** For a jest hook that starts the harness (Azurite, then the host) and seeds a run through it. */
export const API_HARNESS_SETUP_TIMEOUT_MS = AZURITE_SETUP_HOOK_TIMEOUT_MS;
/** How long a seeded run may take to settle: a guard against a hang, as the setup's bound. */
export const SEEDED_RUN_TIMEOUT_MS = 60_000;
/** The app's two API keys (triggers/http/authorize.ts): the host key is also the operate key, as in local mode. */
export const OPERATE_KEY = HOST_KEY;
export const READ_KEY = 'api-test-read-key-0123';

export interface ApiHarness {
  host: EmbeddedHost;
  azurite: Azurite;
  reportsDir: string;
  env: Record<string, string>;
  /** Every line the host and the app logged. */
  logs: string[];
  call(
    method: string,
    route: string,
    options?: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

async function refusingCloud(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 'AuthorizationFailed', message: 'the API test cloud refuses every call' },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export async function startApiHarness(): Promise<ApiHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-api-'));
  const reportsDir = path.join(dir, 'reports');
  const azurite = await startAzurite();
  const cloud = await refusingCloud();
  const env: Record<string, string> = {
    HAYMAKER_ENVIRONMENT: 'local',
    AZURE_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    AZURE_SUBSCRIPTION_ID: '66666666-7777-8888-9999-000000000000',
    KEY_VAULT_URL: 'https://haymaker-api-test.vault.azure.net/',
    SERVICE_BUS_NAMESPACE: 'haymaker-api-test.servicebus.windows.net',
    CONTAINER_APPS_RESOURCE_GROUP: 'haymaker-platform',
    CONTAINER_APPS_JOB_NAME: 'haymaker-agent',
    AZURE_ARM_ENDPOINT: cloud.url,
    MICROSOFT_GRAPH_ENDPOINT: cloud.url,
    ANTHROPIC_BASE_URL: cloud.url,
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    HAYMAKER_SCENARIOS_DIR: path.join(repoRoot, 'scenarios'),
    HAYMAKER_REPORTS_DIR: reportsDir,
    SCHEDULE_CRON: '0 0 0,6,12,18 * * *',
    HAYMAKER_API_OPERATE_KEY: OPERATE_KEY,
    HAYMAKER_API_READ_KEY: READ_KEY,
  };
  // The app runs in Node's own module context, whose process.env is not jest's copy: set both.
  const realEnv = (realModule().createRequire(appEntry)('process') as NodeJS.Process).env;
  for (const [k, v] of Object.entries(env)) realEnv[k] = process.env[k] = v;
  let host: EmbeddedHost;
  const logs: string[] = [];
  try {
    host = await startEmbeddedHost({
      appEntry,
      dataDir: path.join(dir, 'taskhub'),
      port: 0,
      clock: { kind: 'manual' },
      hostKey: HOST_KEY,
      env,
      logger: (_level, message) => logs.push(message),
    });
  } catch (error) {
    await cloud.close();
    await azurite.stop();
    throw error;
  }
  const call: ApiHarness['call'] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== null) headers['x-functions-key'] = options.key ?? HOST_KEY;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${host.url}/api${route}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, body };
  };
  return {
    host,
    azurite,
    reportsDir,
    env,
    logs,
    call,
    stop: async () => {
      await host.stop();
      await cloud.close();
      await azurite.stop();
      for (const k of Object.keys(env)) {
        delete realEnv[k];
        delete process.env[k];
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it answers something (the API reads durable state that settles asynchronously). */
export async function until<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
