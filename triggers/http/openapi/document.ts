// The OpenAPI 3.1 document of the monitoring API, served at /api/v1/openapi.json. Parameters and the request body
// are converted from the zod schemas the handlers parse with (../requests.ts); response bodies are in schemas.ts.
// The API tests check that every route in ../routes.ts is described and that real responses validate against it.
import { z } from 'zod';
import {
  hayQuery,
  janitorQuery,
  listEventsQuery,
  listResourcesQuery,
  listRunsQuery,
  listScenariosQuery,
  reasonQuery,
  runIdPath,
  startRunBody,
} from '../requests';
import { SCHEMAS } from './schemas';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const error = (description: string) => jsonBody(description, 'Error');
/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of a zod schema: what a client sends, or what a handler reads. */
const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Json;
  return rest;
};

/** The parameters a handler parses with `schema`, as the values it reads (a query's "12" is the integer 12). */
function parameters(schema: z.ZodObject, where: 'query' | 'path'): Json[] {
  const json = jsonSchemaOf(schema, 'output') as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const runId = parameters(runIdPath, 'path');
const common = {
  '400': error('a parameter is invalid; the message names it'),
  '401': error('no valid credential: an Entra ID token (Azure) or a key in x-functions-key (local)'),
  '403': error('the credential lacks the right the route needs (read or operate)'),
  '500': error('an unexpected failure (an Azure call failed); the trace id finds the log line'),
};
const withRun = { ...common, '404': error('no run with this id') };

const op = (summary: string, responses: Json, extra: Json = {}) => ({ summary, responses, ...extra });

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'HayMaker monitoring API',
      version: '1.0.0',
      description:
        'Runs, scenarios, resources, events and reports of HayMaker. Every route but /v1/health needs the read right; starting, terminating and rewinding runs and the janitor need the operate right. In Azure the caller signs in with Entra ID (App Service authentication; app roles HayMaker.Read and HayMaker.Operate); locally it sends the read or operate key in x-functions-key. Errors answer {"error":{"code","message","trace_id"}} with the trace id also in the x-trace-id header.',
    },
    servers: [{ url: '/api' }],
    security: [{ entra: [] }, { functionKey: [] }],
    paths: {
      '/v1/health': {
        get: op(
          'liveness, configuration and task hub checks',
          { '200': jsonBody('healthy', 'Health'), '503': jsonBody('a check failed', 'Health') },
          { security: [] },
        ),
      },
      '/v1/openapi.json': {
        get: op('this document', {
          '200': {
            description: 'OpenAPI 3.1 document',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '401': common['401'],
          '403': common['403'],
        }),
      },
      '/v1/status': {
        get: op('current run, health and next scheduled run', {
          '200': jsonBody('status', 'Status'),
          '401': common['401'],
          '403': common['403'],
        }),
      },
      '/v1/scenarios': {
        get: op(
          'the scenario library',
          { '200': jsonBody('scenarios', 'ScenarioList'), ...common },
          { parameters: parameters(listScenariosQuery, 'query') },
        ),
      },
      '/v1/runs': {
        get: op(
          'runs, newest first',
          { '200': jsonBody('one page of runs', 'RunList'), ...common },
          { parameters: parameters(listRunsQuery, 'query') },
        ),
        post: op(
          'start a run on demand',
          {
            '202': {
              description: 'accepted; Location is the run under /api/v1',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('RunStarted') } },
            },
            ...common,
            '413': error('the body is larger than 16 KiB'),
            '429': error('too many runs are active'),
          },
          {
            requestBody: {
              required: false,
              content: { 'application/json': { schema: ref('StartRunRequest') } },
            },
          },
        ),
      },
      '/v1/runs/{run_id}': {
        get: op(
          'one run with its scenarios',
          { '200': jsonBody('run', 'RunDetail'), ...withRun },
          { parameters: runId },
        ),
      },
      '/v1/runs/{run_id}/resources': {
        get: op(
          'resources the run created and what became of them',
          { '200': jsonBody('one page of resources', 'ResourceList'), ...withRun },
          { parameters: [...runId, ...parameters(listResourcesQuery, 'query')] },
        ),
      },
      '/v1/runs/{run_id}/events': {
        get: op(
          'the run audit trail, oldest first',
          { '200': jsonBody('one page of events', 'EventList'), ...withRun },
          { parameters: [...runId, ...parameters(listEventsQuery, 'query')] },
        ),
      },
      '/v1/runs/{run_id}/terminate': {
        post: op(
          'terminate a running run; the janitor removes what it left',
          { '202': jsonBody('terminated', 'Terminated'), ...withRun, '409': error('the run is not running') },
          { parameters: [...runId, ...parameters(reasonQuery, 'query')] },
        ),
      },
      '/v1/runs/{run_id}/rewind': {
        post: op(
          'rewind a failed run',
          { '202': jsonBody('rewinding', 'Rewinding'), ...withRun, '409': error('the run is not Failed') },
          { parameters: [...runId, ...parameters(reasonQuery, 'query')] },
        ),
      },
      '/v1/runs/{run_id}/report': {
        get: op(
          'the run report as one self-contained HTML page',
          {
            '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
            ...withRun,
          },
          { parameters: runId },
        ),
      },
      '/v1/runs/{run_id}/report.json': {
        get: op(
          'the run report (DESIGN.md §7)',
          { '200': jsonBody('report', 'RunReport'), ...withRun },
          { parameters: runId },
        ),
      },
      '/v1/runs/{run_id}/hay': {
        get: op(
          "the run's ground truth: every scenario principal's Activity Log events, labelled (docs/ground-truth.md)",
          {
            '200': {
              description: 'the events; JSON (an array), JSON Lines or CSV by `format`',
              content: {
                'application/json': { schema: ref('HayEvents') },
                'application/x-ndjson': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...withRun,
          },
          { parameters: [...runId, ...parameters(hayQuery, 'query')] },
        ),
      },
      '/v1/janitor': {
        post: op(
          'sweep HayMaker objects of runs no longer running or past ExpiresAt',
          { '200': jsonBody('what was found and removed', 'JanitorResult'), ...common },
          { parameters: parameters(janitorQuery, 'query') },
        ),
      },
    },
    components: {
      securitySchemes: {
        entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key' },
      },
      schemas: { ...SCHEMAS, StartRunRequest: jsonSchemaOf(startRunBody, 'input') },
    },
  };
}
