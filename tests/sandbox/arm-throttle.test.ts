// ARM's token buckets as the sandbox imitates them: figures, headers, per-principal and global buckets, Retry-After
// and its "a request before the retry value elapses is refused with a new one" rule. Sources in sandbox/core/arm-throttle.ts.
import { ResourceManagementClient } from '@azure/arm-resources';
import { ArmRateLimiter, armRequestKind, azureArmThrottle } from '../../sandbox/core/arm-throttle';
import { callerOf } from '../../sandbox/core/caller';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions } from './helpers/client-options';
import { httpsRequest } from './helpers/https-request';
import { bearer } from './helpers/tokens';
import { cloudServices } from '../adapters/helpers/sandbox-context';

const SUB = '11111111-2222-3333-4444-555555555555';

function limiterAt(startMs = 0) {
  let now = startMs;
  const limiter = new ArmRateLimiter(() => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe("ARM's token buckets (unit, manual clock)", () => {
  it("carries Azure's documented figures: reads 250 + 25/s, writes and deletes 200 + 10/s", () => {
    expect(azureArmThrottle).toEqual({
      reads: { capacity: 250, refillPerSecond: 25 },
      writes: { capacity: 200, refillPerSecond: 10 },
      deletes: { capacity: 200, refillPerSecond: 10 },
    });
    expect(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'].map(armRequestKind)).toEqual([
      'reads',
      'reads',
      'writes',
      'writes',
      'writes',
      'deletes',
    ]);
  });

  it('answers the first request of each type with the remaining counts live ARM shows (249/3749, 199/2999)', () => {
    const { limiter } = limiterAt();
    const take = (method: string) => limiter.take({ subscriptionId: SUB, principal: 'p1', method });
    expect(take('GET')).toEqual({
      allowed: true,
      headers: {
        'x-ms-ratelimit-remaining-subscription-reads': '249',
        'x-ms-ratelimit-remaining-subscription-global-reads': '3749',
      },
    });
    expect(take('PUT').headers).toEqual({
      'x-ms-ratelimit-remaining-subscription-writes': '199',
      'x-ms-ratelimit-remaining-subscription-global-writes': '2999',
    });
    expect(take('DELETE').headers).toEqual({
      'x-ms-ratelimit-remaining-subscription-deletes': '199',
      'x-ms-ratelimit-remaining-subscription-global-deletes': '2999',
    });
  });

  it('refuses the request after the bucket, with Retry-After, and refuses any other before that time has passed', () => {
    const { limiter, advance } = limiterAt();
    const del = () => limiter.take({ subscriptionId: SUB, principal: 'p1', method: 'DELETE' });
    for (let i = 0; i < 200; i++) expect(del().allowed).toBe(true);
    const refused = del();
    expect(refused).toMatchObject({
      allowed: false,
      code: 'SubscriptionRequestsThrottled',
      bucket: 'arm-throttle-deletes',
      headers: { 'Retry-After': '1', 'x-ms-ratelimit-remaining-subscription-deletes': '0' },
    });
    expect(!refused.allowed && refused.message).toBe(
      `Number of 'delete' requests for subscription '${SUB}' actor 'p1' exceeded. Please try again after '1' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    );
    // 0.5 s later a token has refilled, but the retry value has not elapsed: refused, not counted, told what is left.
    advance(500);
    expect(del()).toMatchObject({ allowed: false, headers: { 'Retry-After': '1' } });
    advance(499);
    expect(del().allowed).toBe(false);
    advance(1);
    expect(del()).toMatchObject({ allowed: true });
    // Reads have their own bucket.
    expect(limiter.take({ subscriptionId: SUB, principal: 'p1', method: 'GET' }).allowed).toBe(true);
  });

  it('gives each principal its own buckets and stops all of them at the global limit of 15 times those', () => {
    const { limiter } = limiterAt();
    const del = (principal: string) => limiter.take({ subscriptionId: SUB, principal, method: 'DELETE' });
    for (let p = 0; p < 15; p++) for (let i = 0; i < 200; i++) expect(del(`p${p}`).allowed).toBe(true);
    const sixteenth = del('p15');
    expect(sixteenth).toMatchObject({
      allowed: false,
      bucket: 'arm-throttle-global-deletes',
      headers: {
        'x-ms-ratelimit-remaining-subscription-deletes': '200',
        'x-ms-ratelimit-remaining-subscription-global-deletes': '0',
      },
    });
    // Another subscription is untouched.
    expect(limiter.take({ subscriptionId: 'other', principal: 'p15', method: 'DELETE' }).allowed).toBe(true);
  });

  it('throttles tenant-level requests per principal, with the tenant headers and TenantRequestsThrottled', () => {
    const { limiter } = limiterAt();
    const read = () => limiter.take({ principal: 'p1', method: 'GET' });
    expect(read().headers).toEqual({ 'x-ms-ratelimit-remaining-tenant-reads': '249' });
    for (let i = 0; i < 249; i++) read();
    expect(read()).toMatchObject({ allowed: false, code: 'TenantRequestsThrottled' });
  });

  it('names the caller by the token’s object id, or by a digest of an opaque token', () => {
    const jwt = (claims: object) =>
      ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
    expect(callerOf({ authorization: `Bearer ${jwt({ oid: 'oid-1', appid: 'app-1' })}` })).toBe('oid-1');
    expect(callerOf({ authorization: `Bearer ${jwt({ appid: 'app-1' })}` })).toBe('app-1');
    const opaque = callerOf({ authorization: 'Bearer secret-token-value' });
    expect(opaque).toMatch(/^token-[0-9a-f]{12}$/);
    expect(opaque).not.toContain('secret');
  });
});

describe('ARM throttling over HTTP', () => {
  let sandbox: Sandbox;
  let arm: ResourceManagementClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    arm = new ResourceManagementClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('sends the remaining-requests headers on every ARM answer, and Retry-After on a long-running delete', async () => {
    const headers: Record<string, string | undefined>[] = [];
    const onResponse = (raw: { headers: { get(n: string): string | undefined } }) =>
      headers.push({
        reads: raw.headers.get('x-ms-ratelimit-remaining-subscription-reads'),
        writes: raw.headers.get('x-ms-ratelimit-remaining-subscription-writes'),
        deletes: raw.headers.get('x-ms-ratelimit-remaining-subscription-deletes'),
        globalDeletes: raw.headers.get('x-ms-ratelimit-remaining-subscription-global-deletes'),
        retryAfter: raw.headers.get('retry-after'),
      });
    await arm.resourceGroups.createOrUpdate('rg-headers', { location: 'eastus' }, { onResponse });
    await arm.resourceGroups.get('rg-headers', { onResponse });
    sandbox.settings.armOperationDelayMs = 2_500;
    try {
      const poller = arm.resourceGroups.delete('rg-headers', { onResponse });
      await poller.submitted();
    } finally {
      sandbox.settings.armOperationDelayMs = 0;
    }
    expect(headers[0]).toMatchObject({ writes: expect.stringMatching(/^\d+$/), reads: undefined });
    expect(headers[1]).toMatchObject({ reads: expect.stringMatching(/^\d+$/), writes: undefined });
    expect(headers[2]).toMatchObject({
      deletes: '199',
      globalDeletes: '2999',
      retryAfter: '3',
    });
  });

  it('keeps separate buckets for separate principals (the token’s object id)', async () => {
    sandbox.faults.setArmThrottle({ writes: { capacity: 1, refillPerSecond: 0.01 } });
    try {
      // Two principals the sandbox signed in, each with a role that lets it write groups in the target subscription.
      const put = async (principal: 'admin' | 'orchestrator') =>
        httpsRequest(
          `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups/rg-p?api-version=2025-04-01`,
          sandbox.caCert,
          { method: 'PUT', headers: await bearer(sandbox, 'arm', principal), body: { location: 'eastus' } },
        );
      expect((await put('orchestrator')).status).toBeLessThan(300);
      const second = await put('orchestrator');
      expect(second.status).toBe(429);
      expect(second.json().error.message).toContain(`actor '${sandbox.principals.orchestrator.objectId}'`);
      expect((await put('admin')).status).toBeLessThan(300);
    } finally {
      sandbox.faults.setArmThrottle(azureArmThrottle);
    }
  });

  // ARM authenticates and throttles at its front door, then authorizes ("As the front door to Azure, Azure Resource
  // Manager does the authentication and first-order validation and throttling of all incoming API requests":
  // https://learn.microsoft.com/troubleshoot/azure/virtual-machines/troubleshooting-throttling-errors), so a request
  // RBAC refuses still spends its principal's token, and a throttled one is refused before RBAC looks at it.
  it('throttles before it authorizes: a refused request spends a token, then the principal gets 429, not 403', async () => {
    sandbox.faults.setArmThrottle({ writes: { capacity: 1, refillPerSecond: 0.01 } });
    try {
      const put = async () =>
        httpsRequest(
          `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups/rg-nobody?api-version=2025-04-01`,
          sandbox.caCert,
          { method: 'PUT', headers: await bearer(sandbox, 'arm', 'nobody'), body: { location: 'eastus' } },
        );
      const refused = await put();
      expect(refused.status).toBe(403);
      expect(refused.json().error.code).toBe('AuthorizationFailed');
      const throttled = await put();
      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toMatch(/^\d+$/);
      const forged = await httpsRequest(
        `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups/rg-nobody?api-version=2025-04-01`,
        sandbox.caCert,
        { method: 'PUT', headers: { authorization: 'Bearer not-a-token' }, body: { location: 'eastus' } },
      );
      expect(forged.status).toBe(401);
    } finally {
      sandbox.faults.setArmThrottle(azureArmThrottle);
    }
  });

  it('pages resource lists at 1,000 with a nextLink and refuses a $top above 1,000', async () => {
    await arm.resourceGroups.createOrUpdate('rg-many', { location: 'eastus' });
    for (let i = 0; i < 1_001; i++)
      sandbox.admin.putDecoyResource({
        id: `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-many/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`,
      });
    const before = sandbox.requestLog().length;
    const names: string[] = [];
    for await (const r of arm.resources.listByResourceGroup('rg-many')) names.push(r.name!);
    expect(new Set(names).size).toBe(1_001);
    const pages = sandbox
      .requestLog()
      .slice(before)
      .filter((e) => e.operation === 'Resources_ListByResourceGroup');
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    const tooMany = await httpsRequest(
      `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resources?api-version=2025-04-01&$top=1001`,
      sandbox.caCert,
      { headers: await bearer(sandbox) },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.json().error.code).toBe('InvalidTopInQueryString');
  });
});
