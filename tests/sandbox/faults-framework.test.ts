import { startSandbox, type Sandbox } from '../../sandbox';
import { Faults } from '../../sandbox/core/faults';
import { json } from '../../sandbox/core/http';
import type { SandboxService } from '../../sandbox/core/service';
import { httpsRequest } from './helpers/https-request';
import { bearer } from './helpers/tokens';

// A tiny service on the framework, so these tests cover the framework alone (any signed-in caller may echo).
const echoService = (): SandboxService => ({
  name: 'echo',
  endpoint: 'arm',
  register(router, ctx) {
    router.get('/subscriptions/{subscriptionId}/echo/{*rest}', 'Echo_Get', (req) => {
      ctx.authz.allowAuthenticated(req, 'a test route');
      return json(200, { params: req.params, path: req.path });
    });
    router.put('/subscriptions/{subscriptionId}/echo/{name}', 'Echo_Put', (req) => {
      ctx.authz.allowAuthenticated(req, 'a test route');
      return json(200, { body: req.body });
    });
    router.get('/subscriptions/{subscriptionId}/forgetful', 'Forgetful_Get', () => json(200, {}));
  },
});

describe('sandbox framework', () => {
  let sandbox: Sandbox;
  let auth: { authorization: string };
  beforeAll(async () => {
    sandbox = await startSandbox({ services: [echoService] });
    auth = await bearer(sandbox);
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  afterEach(() => sandbox.faults.clear());

  const url = (p: string) => `${sandbox.endpoints.arm}${p}`;

  it('matches routes ignoring case, collapsing // and capturing multi-segment params', async () => {
    const res = await httpsRequest(url('//SUBSCRIPTIONS/abc/Echo/a/b/c'), sandbox.caCert, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.json().params).toEqual({ subscriptionId: 'abc', rest: 'a/b/c' });
  });

  it('refuses a request without a bearer token with 401 and a WWW-Authenticate challenge', async () => {
    const res = await httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.json().error.code).toBe('AuthenticationFailed');
  });

  it('answers unknown routes with an Azure error body', async () => {
    const res = await httpsRequest(url('/nothing/here'), sandbox.caCert, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
  });

  it('injects faults on an exact schedule with Retry-After', async () => {
    sandbox.faults.add({
      service: 'echo',
      operation: 'Echo_Get',
      kind: '429',
      schedule: [2],
      retryAfterSeconds: 7,
    });
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 3; i++) {
      const res = await httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert, { headers: auth });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'];
    }
    expect(statuses).toEqual([200, 429, 200]);
    expect(retryAfter).toBe('7');
    expect(
      sandbox
        .requestLog()
        .filter((e) => e.fault)
        .map((e) => e.status),
    ).toEqual([429]);
  });

  it('injects 503s for the next N requests and latency', async () => {
    sandbox.faults.add({ service: 'echo', kind: '503', times: 2 });
    sandbox.faults.add({ service: '*', kind: 'latency', latencyMs: 150 });
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert, { headers: auth })).status,
      );
    expect(statuses).toEqual([503, 503, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('drops the connection when asked', async () => {
    sandbox.faults.add({ service: 'echo', kind: 'drop', times: 1 });
    await expect(
      httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert, { headers: auth }),
    ).rejects.toThrow();
    expect(
      (await httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert, { headers: auth })).status,
    ).toBe(200);
  });

  it('throttles ARM writes with a token bucket per subscription', async () => {
    sandbox.faults.setArmThrottle({ writes: { capacity: 2, refillPerSecond: 1 } });
    try {
      const put = (sub: string) =>
        httpsRequest(url(`/subscriptions/${sub}/echo/x`), sandbox.caCert, {
          method: 'PUT',
          headers: auth,
          body: {},
        });
      const first = [await put('s1'), await put('s1'), await put('s1')];
      expect(first.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(first[2].json().error.code).toBe('SubscriptionRequestsThrottled');
      expect(Number(first[2].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Another subscription has its own bucket.
      expect((await put('s2')).status).toBe(200);
    } finally {
      sandbox.faults.setArmThrottle({ writes: { capacity: 200, refillPerSecond: 10 } });
    }
  });

  it('is controllable through the admin endpoint', async () => {
    const added = await httpsRequest(url('/_sandbox/faults'), sandbox.caCert, {
      method: 'POST',
      body: { service: 'echo', kind: '500', times: 1 },
    });
    expect(added.status).toBe(201);
    expect(
      (await httpsRequest(url('/subscriptions/abc/echo/x'), sandbox.caCert, { headers: auth })).status,
    ).toBe(500);
    const invalid = await httpsRequest(url('/_sandbox/faults'), sandbox.caCert, {
      method: 'POST',
      body: { kind: 'nonsense' },
    });
    expect(invalid.status).toBe(400);
    const settings = await httpsRequest(url('/_sandbox/settings'), sandbox.caCert, {
      method: 'PUT',
      body: { resourceGraphIndexLagMs: 250 },
    });
    expect(settings.json().resourceGraphIndexLagMs).toBe(250);
    expect(sandbox.settings.resourceGraphIndexLagMs).toBe(250);
    const log = await httpsRequest(url('/_sandbox/requests'), sandbox.caCert);
    expect(log.json().value.length).toBeGreaterThan(0);
  });

  it('fires rate faults from a seeded generator, so a seed repeats the same pattern', () => {
    const pattern = (seed: number) => {
      const faults = new Faults(() => 0, seed);
      faults.add({ service: 'echo', kind: '503', rate: 0.5 });
      return Array.from(
        { length: 40 },
        () =>
          faults.decide({ endpoint: 'x', service: 'echo', operation: 'Op', method: 'GET', path: '/' }).kind,
      );
    };
    const first = pattern(7);
    expect(pattern(7)).toEqual(first);
    const errors = first.filter((k) => k === 'error').length;
    expect(errors).toBeGreaterThan(8);
    expect(errors).toBeLessThan(32);
  });

  it('refuses (500) a success answer from a route that made no authorization decision', async () => {
    const res = await httpsRequest(url('/subscriptions/abc/forgetful'), sandbox.caCert, { headers: auth });
    expect(res.status).toBe(500);
    expect(res.json().error.code).toBe('SandboxAuthorizationMissing');
  });

  it('writes sandbox.json with the DESIGN §4 shape, and a copy without secrets for job executions', async () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const file = JSON.parse(readFileSync(sandbox.sandboxFile, 'utf8'));
    expect(Object.keys(file).sort()).toEqual([
      'caCertPath',
      'endpoints',
      'platformSubscriptionId',
      'principals',
      'subscriptionId',
      'tenantId',
    ]);
    expect(Object.keys(file.endpoints).sort()).toEqual([
      'anthropic',
      'arm',
      'graph',
      'keyVault',
      'login',
      'serviceBus',
    ]);
    expect(file.endpoints.arm).toBe(sandbox.endpoints.arm);
    expect(Object.keys(file.principals).sort()).toEqual(['nobody', 'orchestrator']);
    for (const p of Object.values(file.principals) as Record<string, string>[])
      expect(Object.keys(p).sort()).toEqual(['clientId', 'clientSecret', 'objectId']);
    expect(file.principals.orchestrator).toEqual(sandbox.principals.orchestrator);
    const shared = readFileSync(sandbox.publicSandboxFile, 'utf8');
    expect(JSON.parse(shared).principals).toBeUndefined();
    for (const p of Object.values(sandbox.principals)) expect(shared).not.toContain(p.clientSecret);
  });
});
