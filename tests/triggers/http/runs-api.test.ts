// The monitoring API through the embedded host's real HTTP server, running the production app entry: keys, runs,
// resources and events. Every response is validated against the OpenAPI document the API itself serves.
import { API_ROUTES } from '../../../triggers/http/routes';
import { itAnswersAsDocumented, until, useRecordedApi, type Body } from './recorded-api';
import { OPERATE_KEY, READ_KEY } from './api-harness';
import { FINISHED_RUN, LEAKED_TOKEN, OTHER_SCENARIO, RESOURCES, SCENARIO } from './seed';

const recorded = useRecordedApi();
const { api, harness, seen, started } = recorded;

describe('rights: every route with no key, the read key and the operate key', () => {
  // Operate routes are called so that, once authorized, they change nothing: a body or query the schema refuses,
  // runs that are not running.
  const path = (route: string) =>
    `/${route.replace('{run_id}', FINISHED_RUN)}${route === 'v1/janitor' ? '?dry_run=perhaps' : ''}`;
  const harmless = (method: string, route: string) =>
    method === 'POST' && route === 'v1/runs' ? { raw: '{"size":"enormous"}' } : {};
  const guarded = API_ROUTES.filter((r) => r.right !== 'public').map(
    (r) => [r.method, r.route, r.right] as const,
  );

  it.each(guarded)('%s /%s without a key answers 401', async (method, route) => {
    const res = await harness().call(method, path(route), { key: null });
    expect(res.status).toBe(401);
    expect((res.body as Body).error.code).toBe('unauthorized');
  });

  it.each(guarded)('%s /%s with a wrong key answers 401', async (method, route) => {
    expect((await harness().call(method, path(route), { key: 'not-a-key-of-this-api' })).status).toBe(401);
  });

  it.each(guarded)('%s /%s (%s) with the read key', async (method, route, right) => {
    const res = await harness().call(method, path(route), { key: READ_KEY, ...harmless(method, route) });
    if (right === 'operate') {
      expect(res.status).toBe(403);
      expect((res.body as Body).error.code).toBe('forbidden');
    } else expect([200, 404]).toContain(res.status);
  });

  it.each(guarded)('%s /%s (%s) with the operate key', async (method, route) => {
    const res = await harness().call(method, path(route), { key: OPERATE_KEY, ...harmless(method, route) });
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });

  it('ignores an X-MS-CLIENT-PRINCIPAL header locally (keys mode): only App Service may set it', async () => {
    const principal = Buffer.from(
      JSON.stringify({ claims: [{ typ: 'roles', val: 'HayMaker.Operate' }], role_typ: 'roles' }),
    ).toString('base64');
    const res = await harness().call('POST', '/v1/janitor', {
      key: null,
      headers: { 'x-ms-client-principal': principal },
    });
    expect(res.status).toBe(401);
  });

  it('serves /v1/health without a key, with its checks', async () => {
    const res = await api('GET', '/v1/health', '/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', checks: { configuration: 'ok', task_hub: 'ok' } });
  });
});

describe('limits on starting runs', () => {
  it('refuses a body over 16 KiB with 413, before reading it as JSON', async () => {
    const res = await harness().call('POST', '/v1/runs', {
      raw: JSON.stringify({ seed: 'x'.repeat(17_000) }),
    });
    expect(res.status).toBe(413);
    expect((res.body as Body).error.code).toBe('payload_too_large');
  });

  it('refuses more scenarios than a large run has', async () => {
    const res = await harness().call('POST', '/v1/runs', { body: { scenarios: Array(31).fill(SCENARIO) } });
    expect(res.status).toBe(400);
    expect((res.body as Body).error.message).toMatch(/scenarios/);
  });
});

describe('runs', () => {
  it('POST /v1/runs answers 202 with links to /api/v1 only, never the durable system key, and no-store', async () => {
    const first = seen.find((s) => s.method === 'POST' && s.template === '/v1/runs')!.res;
    const body = first.body as Body;
    expect(body.run_id).toBe(body.id);
    expect(body.status_uri).toMatch(new RegExp(`/api/v1/runs/${body.id}$`));
    expect(body.terminate_uri).toBe(`${body.status_uri}/terminate`);
    expect(first.headers.get('location')).toBe(body.status_uri);
    expect(first.text).not.toMatch(/code=|runtime\/webhooks/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('x-trace-id')).toBeTruthy();
  });

  it('lists runs newest first and pages through them', async () => {
    const all = await api('GET', '/v1/runs');
    expect(all.status).toBe(200);
    expect(all.json.items.map((r: Body) => r.run_id).sort()).toEqual([...started].sort());
    const created = all.json.items.map((r: Body) => r.created_at as string);
    expect([...created].sort().reverse()).toEqual(created);
    const page2 = await api('GET', '/v1/runs', '/v1/runs?page=2&page_size=2');
    expect(page2.json.items).toHaveLength(1);
    expect(page2.json.pagination).toEqual({
      page: 2,
      page_size: 2,
      total_items: 3,
      total_pages: 2,
      has_next: false,
      has_previous: true,
    });
    const beyond = await api('GET', '/v1/runs', '/v1/runs?page=9');
    expect(beyond.status).toBe(200);
    expect(beyond.json.items).toEqual([]);
    expect(beyond.json.pagination.has_next).toBe(false);
  });

  it('shows a run started through the API with its selected scenario', async () => {
    const id = started[0]!;
    const res = await until(async () => {
      const r = await api('GET', '/v1/runs/{run_id}', `/v1/runs/${id}`);
      return r.json.scenarios?.total === 1 ? r : undefined;
    }, 'the started run to select its scenario');
    expect(res.json).toMatchObject({ run_id: id, trigger: 'api', scenarios: { total: 1 } });
    expect(res.json.scenario_details[0].scenario_id).toBe(SCENARIO);
  });

  it('shows a finished run with its counts and report links', async () => {
    const res = await api('GET', '/v1/runs/{run_id}', `/v1/runs/${FINISHED_RUN}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      run_id: FINISHED_RUN,
      phase: 'completed',
      cleanup_verified: true,
      scenarios: { total: 2, succeeded: 1, failed: 1 },
      resources: { created: 3, deleted: 1, deletion_failed: 1 },
    });
    expect(res.json.report.html).toMatch(new RegExp(`/api/v1/runs/${FINISHED_RUN}/report$`));
  });

  it("serves the seed system's field names alongside (status, simulation_size, totals, cleanup_verification)", async () => {
    const res = await api('GET', '/v1/runs/{run_id}', `/v1/runs/${FINISHED_RUN}`);
    expect(res.json).toMatchObject({
      status: 'completed',
      simulation_size: res.json.size,
      total_resources: 3,
      total_service_principals: 2,
      cleanup_verification: { status: 'verified', resources_remaining: 1 },
    });
  });

  it('answers 404 with the error envelope and trace id for an unknown run', async () => {
    const res = await api('GET', '/v1/runs/{run_id}', '/v1/runs/no-such-run');
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: 'run_not_found' });
    expect(res.json.error.trace_id).toBe(res.headers.get('x-trace-id'));
  });

  it.each([
    ['a bad size', { size: 'huge' }, 'size'],
    ['an unknown field', { sizes: 'small' }, 'body'],
    ['an unknown scenario', { scenarios: ['nope-01-missing'] }, 'scenarios.0'],
    ['a non-integer window', { operations_window_minutes: 'ten' }, 'operations_window_minutes'],
  ])('POST /v1/runs with %s answers 400 naming the parameter', async (_what, body, name) => {
    const res = await api('POST', '/v1/runs', '/v1/runs', { body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.message).toContain(name);
  });

  it('POST /v1/runs with a body that is not JSON answers 400, not 500', async () => {
    const res = await api('POST', '/v1/runs', '/v1/runs', { raw: '{size:' });
    expect(res.status).toBe(400);
  });
});

describe('resources', () => {
  const base = `/v1/runs/${FINISHED_RUN}/resources`;
  const tpl = '/v1/runs/{run_id}/resources';

  it("lists the ledger with types, names and the audit ledger's force deletions", async () => {
    const res = await api('GET', tpl, base);
    expect(res.status).toBe(200);
    // The seed system's name for the list, alongside items.
    expect(res.json.resources).toEqual(res.json.items);
    expect(res.json.resources.length).toBeGreaterThan(0);
    const byId = Object.fromEntries(
      res.json.items.map((r: Body) => [String(r.resource_id).toLowerCase(), r]),
    );
    expect(byId[RESOURCES.group.toLowerCase()]).toMatchObject({
      resource_type: 'Microsoft.Resources/resourceGroups',
      status: 'deleted',
      scenario_name: SCENARIO,
    });
    expect(byId[RESOURCES.account.toLowerCase()]).toMatchObject({
      resource_type: 'Microsoft.CognitiveServices/accounts',
      status: 'force_deleted',
    });
    // Known only to the run entity, which keeps ids lower-cased: the type is derived from the id as stored.
    expect(byId[RESOURCES.storage.toLowerCase()]).toMatchObject({
      resource_type: 'microsoft.storage/storageaccounts',
      name: 'stf1a2b3c4',
      status: 'deletion_failed',
    });
    expect(res.json.pagination).toEqual({
      page: 1,
      page_size: 100,
      total_items: 3,
      total_pages: 1,
      has_next: false,
      has_previous: false,
    });
  });

  it.each([
    [`scenario_name=${OTHER_SCENARIO}`, [RESOURCES.storage]],
    ['resource_type=microsoft.storage/storageaccounts', [RESOURCES.storage]],
    ['status=deleted', [RESOURCES.group]],
  ])('filters by %s', async (query, ids) => {
    const res = await api('GET', tpl, `${base}?${query}`);
    expect(res.json.items.map((r: Body) => String(r.resource_id).toLowerCase())).toEqual(
      ids.map((id) => id.toLowerCase()),
    );
  });

  it('pages: page_size 1 gives has_next, a page beyond the end is empty', async () => {
    const first = await api('GET', tpl, `${base}?page_size=1`);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.pagination).toMatchObject({ total_pages: 3, has_next: true, has_previous: false });
    const beyond = await api('GET', tpl, `${base}?page=4&page_size=1`);
    expect(beyond.status).toBe(200);
    expect(beyond.json.items).toEqual([]);
    expect(beyond.json.pagination).toMatchObject({ has_next: false, has_previous: true });
  });

  it.each([
    ['page_size=0', 'page_size'],
    ['page_size=501', 'page_size'],
    ['page_size=ten', 'page_size'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['status=gone', 'status'],
  ])('%s answers 400 naming %s', async (query, name) => {
    const res = await api('GET', tpl, `${base}?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(`parameter ${name}`);
  });

  it('answers 404 for an unknown run', async () => {
    const res = await api('GET', tpl, '/v1/runs/unknown-run/resources');
    expect(res.status).toBe(404);
  });
});

describe('events', () => {
  const tpl = '/v1/runs/{run_id}/events';
  it('scrubs event data again on the way out', async () => {
    const res = await api('GET', tpl, `/v1/runs/${FINISHED_RUN}/events?type=error_encountered`);
    expect(res.text).not.toContain(LEAKED_TOKEN);
    expect(res.json.items[0].data.output).toBe('auth: Bearer [REDACTED]');
    expect(res.json.items[0].data.step).toBe('Create the language account');
  });
  it('returns the audit trail oldest first, filtered by type, scenario and time', async () => {
    const all = await api('GET', tpl, `/v1/runs/${FINISHED_RUN}/events`);
    expect(all.status).toBe(200);
    expect(all.json.audit_available).toBe(true);
    expect(all.json.items.map((e: Body) => e.event_id)).toEqual([
      'evt-1',
      'evt-2',
      'evt-3',
      'evt-4',
      'evt-5',
      'evt-6',
    ]);
    const resolved = await api('GET', tpl, `/v1/runs/${FINISHED_RUN}/events?type=error_resolved`);
    expect(resolved.json.items).toHaveLength(1);
    const other = await api('GET', tpl, `/v1/runs/${FINISHED_RUN}/events?scenario_name=${OTHER_SCENARIO}`);
    expect(other.json.items.map((e: Body) => e.event_id)).toEqual(['evt-6']);
    const after = await api(
      'GET',
      tpl,
      `/v1/runs/${FINISHED_RUN}/events?after=${encodeURIComponent(all.json.items[3].timestamp)}`,
    );
    expect(after.json.items.map((e: Body) => e.event_id)).toEqual(['evt-5', 'evt-6']);
  });

  it('answers 400 for a bad timestamp and 404 for an unknown run', async () => {
    expect((await api('GET', tpl, `/v1/runs/${FINISHED_RUN}/events?after=yesterday`)).status).toBe(400);
    expect((await api('GET', tpl, '/v1/runs/unknown-run/events')).status).toBe(404);
  });
});

itAnswersAsDocumented(recorded, 'runs-api');
