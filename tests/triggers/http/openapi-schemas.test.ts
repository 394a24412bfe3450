// The OpenAPI document's request schemas are converted from the zod schemas the handlers parse with, so a client
// validating against the document and the API itself accept and refuse the same requests.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../../triggers/http/openapi/document';
import { listEventsQuery, startRunBody } from '../../../triggers/http/requests';

type Json = Record<string, any>;
const doc = openApiDocument() as Json;
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);

describe('OpenAPI request schemas', () => {
  const validBody = ajv.compile(doc.components.schemas.StartRunRequest);

  it.each([
    {},
    { size: 'small' },
    { size: 'huge' },
    { scenarios: [] },
    { scenarios: ['compute-01-vm'] },
    { scenarios: ['Compute_01'] },
    { seed: '' },
    { seed: 'x'.repeat(129) },
    { operations_window_minutes: 0 },
    { operations_window_minutes: 10080 },
    { operations_window_minutes: 10081 },
    { operations_window_minutes: 1.5 },
    { operation_bursts: 0 },
    { operation_bursts: 100 },
    { operation_bursts: 101 },
    { size: 'small', extra: true },
  ])('POST /v1/runs body %j: the document and the handler agree', (body) => {
    expect(validBody(body)).toBe(startRunBody.safeParse(body).success);
  });

  it('describes each query parameter of a route with the limits its handler enforces', () => {
    const params = doc.paths['/v1/runs/{run_id}/events'].get.parameters as Json[];
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:run_id',
      ...Object.keys(listEventsQuery.shape).map((name) => `query:${name}`),
    ]);
    const pageSize = ajv.compile(params.find((p) => p.name === 'page_size')!.schema);
    for (const value of ['0', '1', '500', '501'])
      expect(pageSize(Number(value))).toBe(listEventsQuery.safeParse({ page_size: value }).success);
  });
});
