// The sandbox's Activity Log: what ARM records (writes, deletes, actions; Started then the outcome; the caller the
// token names), the filter grammar it refuses, the ingestion delay, paging and the official examples' shape.
import { startSandbox, type Sandbox } from '../../sandbox';
import { armOperationName } from '../../sandbox/activitylog/operation-name';
import { retentionMs } from '../../sandbox/activitylog/filter';
import { activityLogPageSize } from '../../sandbox/activitylog/service';
import { loadExamples } from './helpers/examples';
import { httpsRequest } from './helpers/https-request';
import { shapeMismatches } from './helpers/shape';
import { appIdOf, callerHeaders, manualClock, objectIdOf } from './helpers/activity-log-callers';
import type { BuiltinPrincipalName } from '../../sandbox';

const API = 'api-version=2015-04-01';

describe('Activity Log operation names', () => {
  it.each([
    ['PUT', '/subscriptions/s/resourcegroups/g', 'Microsoft.Resources/subscriptions/resourceGroups/write'],
    [
      'DELETE',
      '/subscriptions/s/resourceGroups/g',
      'Microsoft.Resources/subscriptions/resourceGroups/delete',
    ],
    [
      'PUT',
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a',
      'Microsoft.Storage/storageAccounts/write',
    ],
    [
      'PATCH',
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/s1',
      'Microsoft.Network/virtualNetworks/subnets/write',
    ],
    [
      'POST',
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.App/jobs/j/start',
      'Microsoft.App/jobs/start/action',
    ],
    [
      'POST',
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a/listKeys',
      'Microsoft.Storage/storageAccounts/listKeys/action',
    ],
    ['POST', '/subscriptions/s/providers/Microsoft.Web/register', 'Microsoft.Web/register/action'],
    [
      'PUT',
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.Authorization/roleAssignments/r',
      'Microsoft.Authorization/roleAssignments/write',
    ],
  ])('%s %s is %s', (method, path, name) => {
    expect(armOperationName(method, path)).toBe(name);
  });

  it('records no read', () => {
    expect(armOperationName('GET', '/subscriptions/s/resourceGroups/g')).toBeUndefined();
    expect(armOperationName('HEAD', '/subscriptions/s/resourceGroups/g')).toBeUndefined();
  });
});

describe('Activity Log in the sandbox', () => {
  let sandbox: Sandbox;
  const clock = manualClock(Date.parse('2026-03-01T12:00:00Z'));
  const sub = () => `/subscriptions/${sandbox.subscriptionId}`;
  const arm = async (
    method: string,
    path: string,
    who: BuiltinPrincipalName,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    httpsRequest(`${sandbox.endpoints.arm}${path}`, sandbox.caCert, {
      method,
      headers: { ...(await callerHeaders(sandbox, who)), ...headers },
      body,
    });
  const list = (query: string, who: BuiltinPrincipalName = 'admin') =>
    arm('GET', `${sub()}/providers/Microsoft.Insights/eventtypes/management/values?${query}`, who);
  const iso = (ms: number) => new Date(ms).toISOString();
  const since = (ms: number) =>
    `eventTimestamp ge '${iso(ms)}' and eventTimestamp le '${iso(clock.now() + 1)}'`;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
  });
  afterAll(() => sandbox.stop());

  it('records a write as Started then Succeeded, with the caller its token names, after the ingestion delay', async () => {
    const t0 = clock.now();
    const put = await arm('PUT', `${sub()}/resourcegroups/al-one?api-version=2025-04-01`, 'admin', {
      location: 'eastus',
    });
    expect(put.status).toBe(201);
    const correlation = put.headers['x-ms-correlation-request-id'];
    expect(typeof correlation).toBe('string');
    const filter = encodeURIComponent(`${since(t0)} and resourceGroupName eq 'al-one'`);

    // Not readable before the ingestion delay (Azure's average latency is up to 3 minutes).
    expect((await list(`${API}&$filter=${filter}`)).json().value).toEqual([]);
    clock.advance(sandbox.settings.activityLogIngestionDelayMs);
    const events = (await list(`${API}&$filter=${filter}`)).json().value as any[];
    expect(events.map((e) => e.status.value).sort()).toEqual(['Started', 'Succeeded']);
    for (const e of events) {
      expect(e.operationName.value).toBe('Microsoft.Resources/subscriptions/resourceGroups/write');
      expect(e.caller).toBe(objectIdOf(sandbox, 'admin'));
      expect(e.claims.appid).toBe(appIdOf(sandbox, 'admin'));
      expect(e.correlationId).toBe(correlation);
      expect(e.resourceId).toBe(`${sub()}/resourcegroups/al-one`);
    }
  });

  it('records a refused or failed write as Failed and never records a read', async () => {
    const t0 = clock.now();
    await arm('GET', `${sub()}/resourcegroups/al-one?api-version=2025-04-01`, 'admin');
    const bad = await arm('PUT', `${sub()}/resourcegroups/al-bad?api-version=2025-04-01`, 'admin', {});
    expect(bad.status).toBeGreaterThanOrEqual(400);
    clock.advance(sandbox.settings.activityLogIngestionDelayMs);
    const events = (await list(`${API}&$filter=${encodeURIComponent(since(t0))}`)).json().value as any[];
    expect(events.map((e) => [e.operationName.value, e.status.value]).sort()).toEqual([
      ['Microsoft.Resources/subscriptions/resourceGroups/write', 'Failed'],
      ['Microsoft.Resources/subscriptions/resourceGroups/write', 'Started'],
    ]);
  });

  it('filters by caller and by correlation id, and projects with $select', async () => {
    const t0 = clock.now();
    await arm('PUT', `${sub()}/resourcegroups/al-bob?api-version=2025-04-01`, 'orchestrator', {
      location: 'eastus',
    });
    await arm(
      'PUT',
      `${sub()}/resourcegroups/al-carol?api-version=2025-04-01`,
      'admin',
      { location: 'eastus' },
      {
        'x-ms-correlation-request-id': 'c0ffee00-0000-4000-8000-000000000001',
      },
    );
    clock.advance(sandbox.settings.activityLogIngestionDelayMs);
    const byBob = (
      await list(
        `${API}&$filter=${encodeURIComponent(`${since(t0)} and caller eq '${objectIdOf(sandbox, 'orchestrator')}'`)}`,
      )
    ).json().value as any[];
    expect(byBob).toHaveLength(2);
    expect(byBob.every((e) => e.resourceId.endsWith('/al-bob'))).toBe(true);
    const byCorrelation = (
      await list(
        `${API}&$filter=${encodeURIComponent(`${since(t0)} and correlationId eq 'c0ffee00-0000-4000-8000-000000000001'`)}&$select=operationName,caller`,
      )
    ).json().value as any[];
    expect(byCorrelation).toHaveLength(2);
    expect(Object.keys(byCorrelation[0]).sort()).toEqual(['caller', 'operationName']);
    expect(byCorrelation[0].caller).toBe(objectIdOf(sandbox, 'admin'));
  });

  it.each([
    ['no $filter', ''],
    ['no start time', `$filter=${encodeURIComponent("resourceGroupName eq 'g'")}`],
    [
      'two scopes',
      `$filter=${encodeURIComponent("eventTimestamp ge '2026-03-01T00:00:00Z' and resourceGroupName eq 'g' and resourceProvider eq 'p'")}`,
    ],
    [
      'an unknown field',
      `$filter=${encodeURIComponent("eventTimestamp ge '2026-03-01T00:00:00Z' and level eq 'Error'")}`,
    ],
    [
      'an or',
      `$filter=${encodeURIComponent("eventTimestamp ge '2026-03-01T00:00:00Z' or resourceGroupName eq 'g'")}`,
    ],
    [
      'an unknown $select property',
      `$filter=${encodeURIComponent("eventTimestamp ge '2026-03-01T00:00:00Z'")}&$select=secret`,
    ],
  ])('refuses %s with 400 BadRequest', async (_what, query) => {
    const res = await list(`${API}&${query}`);
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('BadRequest');
  });

  it('refuses a start more than 90 days back (the Activity Log keeps 90 days)', async () => {
    const res = await list(
      `${API}&$filter=${encodeURIComponent(`eventTimestamp ge '${iso(clock.now() - retentionMs - 60_000)}'`)}`,
    );
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/90 days/);
    expect(
      (
        await list(
          `${API}&$filter=${encodeURIComponent(`eventTimestamp ge '${iso(clock.now() - retentionMs + 60_000)}'`)}`,
        )
      ).status,
    ).toBe(200);
  });

  it('pages with nextLink', async () => {
    const t0 = clock.now();
    const writes = Math.ceil(activityLogPageSize / 2) + 5;
    for (let i = 0; i < writes; i += 1)
      await arm('PATCH', `${sub()}/resourcegroups/al-one?api-version=2025-04-01`, 'orchestrator', {
        tags: { i: String(i) },
      });
    clock.advance(sandbox.settings.activityLogIngestionDelayMs);
    const first = (
      await list(
        `${API}&$filter=${encodeURIComponent(`${since(t0)} and caller eq '${objectIdOf(sandbox, 'orchestrator')}'`)}`,
      )
    ).json();
    expect(first.value).toHaveLength(activityLogPageSize);
    expect(first.nextLink).toMatch(/(\$|%24)skiptoken=/);
    const next = await httpsRequest(first.nextLink, sandbox.caCert, {
      headers: await callerHeaders(sandbox, 'admin'),
    });
    expect(next.json().value).toHaveLength(writes * 2 - activityLogPageSize);
    expect(next.json().nextLink).toBeUndefined();
  });
});

const userClaims = [
  'http://schemas.microsoft.com/claims/authnmethodsreferences',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  'puid',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  'name',
  'groups',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  'appidacr',
  'http://schemas.microsoft.com/identity/claims/scope',
  'http://schemas.microsoft.com/claims/authnclassreference',
];

// Each official example against a sandbox whose clock stands inside the example's time range.
describe('Activity Log matches the official examples (insights-activitylog)', () => {
  const examples = loadExamples(['insights-activitylog']);
  if (examples.length === 0)
    it.skip('no insights-activitylog example in the examples folder (HAYMAKER_REST_EXAMPLES)', () => {});
  else
    it.each(examples.map((e) => [e.file, e] as const))('%s', async (_file, example) => {
      const filter = String(example.parameters.$filter);
      const start = Date.parse(/eventTimestamp ge '([^']+)'/.exec(filter)![1]);
      const clock = manualClock(start + 60_000);
      const sandbox = await startSandbox({ clock });
      try {
        const group = /resourceGroupName eq '([^']+)'/.exec(filter)?.[1] ?? 'al-example';
        const correlation = /correlationId eq '([^']+)'/.exec(filter)?.[1];
        const put = await httpsRequest(
          `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups/${group}?api-version=2025-04-01`,
          sandbox.caCert,
          {
            method: 'PUT',
            headers: {
              ...(await callerHeaders(sandbox, 'admin')),
              ...(correlation ? { 'x-ms-correlation-request-id': correlation } : {}),
            },
            body: { location: 'eastus' },
          },
        );
        expect(put.status).toBeLessThan(300);
        clock.advance(sandbox.settings.activityLogIngestionDelayMs);
        const query =
          `api-version=${String(example.parameters['api-version'])}&$filter=${encodeURIComponent(filter)}` +
          (example.parameters.$select ? `&$select=${String(example.parameters.$select)}` : '');
        const res = await httpsRequest(
          `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values?${query}`,
          sandbox.caCert,
          { headers: await callerHeaders(sandbox, 'admin') },
        );
        expect(res.status).toBe(200);
        const optional = new Set([
          'nextLink',
          // The sandbox has one role model (RBAC actions); ARM's classic "role" name is not kept.
          'value[].authorization.role',
          'value[].httpRequest.clientIpAddress',
          // A Started event has no HTTP answer yet.
          'value[].properties.statusCode',
          // The sandbox keeps the caller's ids of the token, not its lifetime claims.
          ...['iat', 'nbf', 'exp', 'ver'].map((c) => `value[].claims.${c}`),
          // The example's caller is a user; a service principal's token has none of a user's claims.
          ...userClaims.map((c) => `value[].claims.${c}`),
        ]);
        expect(shapeMismatches(example.responses['200'].body, res.json(), optional)).toEqual([]);
      } finally {
        await sandbox.stop();
      }
    });
});
