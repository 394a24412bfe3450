// The API suites' shared setup: the harness with a finished run seeded and three runs started through POST /v1/runs,
// a client that records every response, and the check that each recorded response validates against the OpenAPI
// document the API serves. ROUTES_EXERCISED lists which suite exercises which route, so together they cover all.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  API_HARNESS_SETUP_TIMEOUT_MS,
  startApiHarness,
  type ApiHarness,
  type ApiResponse,
} from './api-harness';
import { SCENARIO, seededRunCompleted, seedFinishedRun } from './seed';

export { until } from './api-harness';

export type Body = Record<string, any>;

export interface RecordedCall {
  method: string;
  template: string;
  res: ApiResponse;
}

/** Every route, as `METHOD /template`, by the suite that exercises it. */
export const ROUTES_EXERCISED = {
  'runs-api': [
    'GET /v1/health',
    'POST /v1/runs',
    'GET /v1/runs',
    'GET /v1/runs/{run_id}',
    'GET /v1/runs/{run_id}/resources',
    'GET /v1/runs/{run_id}/events',
  ],
  'operations-api': [
    'GET /v1/runs/{run_id}/report.json',
    'GET /v1/runs/{run_id}/report',
    'GET /v1/runs/{run_id}/hay',
    'GET /v1/status',
    'GET /v1/scenarios',
    'POST /v1/runs/{run_id}/terminate',
    'POST /v1/runs/{run_id}/rewind',
    'POST /v1/janitor',
    'GET /v1/openapi.json',
  ],
} as const;

export interface RecordedApi {
  harness(): ApiHarness;
  /** Ids of the three runs started through the API, oldest first. */
  started: string[];
  seen: RecordedCall[];
  /** Calls the API and records the response for the OpenAPI check. */
  api(
    method: string,
    template: string,
    path?: string,
    options?: Parameters<ApiHarness['call']>[2],
  ): Promise<ApiResponse & { json: Body }>;
}

/**
 * Registers a test that each response the suite recorded validates against the OpenAPI document, and that the
 * suite exercised the routes ROUTES_EXERCISED gives it.
 */
export function itAnswersAsDocumented(recorded: RecordedApi, suite: keyof typeof ROUTES_EXERCISED): void {
  it('answers as the OpenAPI document says, on every route this suite covers', async () => {
    expect(await documentProblems(recorded.harness(), recorded.seen)).toEqual([]);
    expect([...ROUTES_EXERCISED[suite]].filter((r) => !routesOf(recorded.seen).has(r))).toEqual([]);
  });
}

/** Registers the suite's beforeAll/afterAll around one seeded harness. */
export function useRecordedApi(): RecordedApi {
  let h: ApiHarness | undefined;
  const recorded: RecordedApi = {
    harness: () => {
      if (!h) throw new Error('the API harness did not start; see the beforeAll error');
      return h;
    },
    started: [],
    seen: [],
    api: async (method, template, path = template, options = {}) => {
      const res = await recorded.harness().call(method, path, options);
      recorded.seen.push({ method, template, res });
      return { ...res, json: res.body as Body };
    },
  };
  beforeAll(async () => {
    h = await startApiHarness();
    await seedFinishedRun(h);
    for (const seed of ['a', 'b', 'c']) {
      const res = await recorded.api('POST', '/v1/runs', '/v1/runs', {
        body: { scenarios: [SCENARIO], seed, operations_window_minutes: 30, operation_bursts: 1 },
      });
      expect(res.status).toBe(202);
      recorded.started.push(res.json.run_id as string);
    }
    await seededRunCompleted(h);
  }, API_HARNESS_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await h?.stop();
  }, 30_000);
  return recorded;
}

export const routesOf = (seen: readonly RecordedCall[]): Set<string> =>
  new Set(seen.map((s) => `${s.method} ${s.template}`));

/** Each recorded response against the document the API serves: undocumented statuses and schema mismatches. */
export async function documentProblems(h: ApiHarness, seen: readonly RecordedCall[]): Promise<string[]> {
  const doc = (await h.call('GET', '/v1/openapi.json')).body as Body;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'api', components: doc.components }, 'api');
  const problems: string[] = [];
  for (const { method, template, res } of seen) {
    const declared = doc.paths[template]?.[method.toLowerCase()]?.responses?.[String(res.status)];
    if (!declared) {
      problems.push(`${method} ${template} → ${res.status} is not documented`);
      continue;
    }
    const content = declared.content as Body | undefined;
    if (!content) continue;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const media = content[type];
    if (!media) {
      problems.push(`${method} ${template} → ${res.status} ${type} is not documented`);
      continue;
    }
    if (type !== 'application/json') continue;
    const schema = JSON.parse(JSON.stringify(media.schema).replace(/"#\/components/g, '"api#/components'));
    const validate = ajv.compile(schema);
    if (!validate(res.body))
      problems.push(`${method} ${template} → ${res.status}: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
