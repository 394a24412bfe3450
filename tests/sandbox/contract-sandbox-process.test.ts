import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpsRequest } from './helpers/https-request';

// `npm run sandbox` runs dist/sandbox/main.js (npm test builds first).
const main = join(__dirname, '..', '..', 'dist', 'sandbox', 'main.js');

function startProcess(home: string): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, HAYMAKER_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForFile(path: string, what: () => string): Promise<void> {
  // Generous: the machine is shared, and a cold start loads every service and may generate the certificate.
  // The process writes sandbox.json, then prints its summary: wait for both (a loaded machine may read the pipe late).
  for (let i = 0; i < 600; i++) {
    if (existsSync(path) && what().includes('Ctrl-C stops it.')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sandbox.json or the summary never appeared; output: ${what()}`);
}

/** A token from the sandbox's Entra as an outside client gets it: `POST {login}/{tenantId}/oauth2/v2.0/token`. */
async function signIn(
  summary: { endpoints: { login: string }; tenantId: string },
  ca: string,
  principal: { clientId: string; clientSecret: string },
): Promise<string> {
  const res = await httpsRequest(`${summary.endpoints.login}/${summary.tenantId}/oauth2/v2.0/token`, ca, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: principal.clientId,
      client_secret: principal.clientSecret,
      scope: 'https://management.azure.com/.default',
    }).toString(),
  });
  expect(res.status).toBe(200);
  return res.json().access_token as string;
}

describe('npm run sandbox (the sandbox as a process)', () => {
  const home = mkdtempSync(join(tmpdir(), 'haymaker-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('writes sandbox.json as DESIGN §4 says, serves it, stops on SIGTERM and keeps its tenant across restarts', async () => {
    expect(existsSync(main)).toBe(true);
    const file = join(home, 'sandbox.json');
    const first = startProcess(home);
    try {
      await waitForFile(file, first.output);
      const summary = JSON.parse(readFileSync(file, 'utf8'));
      expect(Object.keys(summary).sort()).toEqual([
        'caCertPath',
        'endpoints',
        'platformSubscriptionId',
        'principals',
        'subscriptionId',
        'tenantId',
      ]);
      expect(Object.keys(summary.endpoints).sort()).toEqual([
        'anthropic',
        'arm',
        'graph',
        'keyVault',
        'login',
        'serviceBus',
      ]);
      expect(Object.keys(summary.principals).sort()).toEqual(['nobody', 'orchestrator']);
      expect(summary.endpoints.arm).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(summary.caCertPath.startsWith(join(home, 'sandbox'))).toBe(true);
      expect(first.output()).toContain(summary.endpoints.arm);

      const ca = readFileSync(summary.caCertPath, 'utf8');
      const group = `${summary.endpoints.arm}/subscriptions/${summary.subscriptionId}/resourcegroups/rg-kept?api-version=2025-04-01`;
      // The orchestrator holds Contributor on the target subscription; nobody holds nothing.
      const orchestrator = await signIn(summary, ca, summary.principals.orchestrator);
      const put = await httpsRequest(group, ca, {
        method: 'PUT',
        headers: { authorization: `Bearer ${orchestrator}` },
        body: { location: 'eastus' },
      });
      expect(put.status).toBe(201);
      const nobody = await signIn(summary, ca, summary.principals.nobody);
      const refused = await httpsRequest(group, ca, {
        method: 'PUT',
        headers: { authorization: `Bearer ${nobody}` },
        body: { location: 'eastus' },
      });
      expect(refused.status).toBe(403);
      expect(refused.json().error.code).toBe('AuthorizationFailed');
    } finally {
      first.child.kill('SIGTERM');
    }
    // The output rides along so a failure shows what the process said.
    expect({ code: await first.exited, output: first.output() }).toMatchObject({ code: 0 });
    expect(existsSync(file)).toBe(false);

    const second = startProcess(home);
    try {
      await waitForFile(file, second.output);
      const summary = JSON.parse(readFileSync(file, 'utf8'));
      const ca = readFileSync(summary.caCertPath, 'utf8');
      // The same principals and secrets after a restart (the store keeps them).
      const orchestrator = await signIn(summary, ca, summary.principals.orchestrator);
      const got = await httpsRequest(
        `${summary.endpoints.arm}/subscriptions/${summary.subscriptionId}/resourcegroups/rg-kept?api-version=2025-04-01`,
        ca,
        { headers: { authorization: `Bearer ${orchestrator}` } },
      );
      expect(got.status).toBe(200);
    } finally {
      second.child.kill('SIGINT');
    }
    expect({ code: await second.exited, output: second.output() }).toMatchObject({ code: 0 });
  });
});
