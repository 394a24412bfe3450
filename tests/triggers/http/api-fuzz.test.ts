// Malformed requests get a 4xx, never a 5xx: a seeded fuzz of the API through the embedded host's real HTTP server
// (paths with invalid percent-encoding, odd query strings, broken bodies, every method). A 5xx is a defect of the
// host or of a handler: the request was bad, and the answer must say so.
import { seededRandom } from '../../../core/random';
import { API_HARNESS_SETUP_TIMEOUT_MS, startApiHarness, type ApiHarness } from './api-harness';

const REQUESTS = 400;
const RUN_ID = '3f1c2a9e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

const PATHS = [
  '/v1/health',
  '/v1/status',
  '/v1/openapi.json',
  '/v1/scenarios',
  '/v1/runs',
  '/v1/runs/{id}',
  '/v1/runs/{id}/resources',
  '/v1/runs/{id}/events',
  '/v1/runs/{id}/terminate',
  '/v1/runs/{id}/rewind',
  '/v1/{id}',
  '/{id}',
];
const IDS = [
  RUN_ID,
  '%ff%fe',
  '%',
  '%zz',
  '%C0%AF',
  '%E0%A4%A',
  '..%2f..%2fetc',
  '%00',
  'a'.repeat(3000),
  "'; drop table runs; --",
  '%F0%9F%92%A9',
  '{run_id}',
];
const QUERIES = [
  '',
  '?top=-1',
  '?top=1e309',
  '?top=%ff',
  '?continuation=%',
  '?continuation=not-a-token',
  '?status=%zz&status=running',
  '?=&&=',
  '?type=%E0%A4%A&scenario=',
  `?q=${'x'.repeat(5000)}`,
];
const BODIES: (string | undefined)[] = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '{"size":"huge"}',
  '{"scenarios":5}',
  '{"seed":{},"size":[]}',
  '{"scenarios":["%ff"],"size":"small","seed":"x","operationsWindowMinutes":-5}',
  '\u0000\u0001\u0002',
  `{"x":"${'y'.repeat(50_000)}"}`,
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

describe('API fuzz', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  }, API_HARNESS_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await h?.stop();
  });

  it(`answers ${REQUESTS} malformed requests without a single 5xx`, async () => {
    const random = seededRandom('api-fuzz-1');
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const serverErrors: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const path = pick(PATHS).replace('{id}', pick(IDS)) + pick(QUERIES);
      const method = pick(METHODS);
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : pick(BODIES);
      const res = await h.call(method, path, {
        ...(random() < 0.1 ? { key: null } : {}),
        ...(body !== undefined ? { raw: body } : {}),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        serverErrors.push(`${method} ${path.slice(0, 120)} → ${res.status}: ${res.text.slice(0, 200)}`);
    }
    expect(serverErrors).toEqual([]);
    // The fuzz reached the handlers, not only the router: some 400s and 404s, and some successes.
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  }, 240_000);

  it('answers a run id with an invalid percent-encoding 404, as an id that matches nothing', async () => {
    const res = await h.call('GET', '/v1/runs/%ff%fe');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
