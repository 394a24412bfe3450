// The OpenAPI 3.1 document of the monitoring API, served at /api/v1/openapi.json. Pure data; the API tests check
// that every route in triggers/http/routes.ts is described and that real responses validate against it.
import { SCHEMAS } from './schemas';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const error = (description: string) => jsonBody(description, 'Error');
const runId = {
  name: 'run_id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
};
const query = (name: string, schema: Json, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const page = [
  query('page', { type: 'integer', minimum: 1, default: 1 }, '1-based page; a page beyond the end is empty'),
  query('page_size', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'items per page'),
];
const common = {
  '400': error('a parameter is invalid; the message names it'),
  '401': { description: 'no or wrong function key' },
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
        'Runs, scenarios, resources, events and reports of HayMaker. Every route but /v1/health needs a function key (x-functions-key header or ?code=). Errors answer {"error":{"code","message","trace_id"}} with the trace id also in the x-trace-id header.',
    },
    servers: [{ url: '/api' }],
    security: [{ functionKey: [] }, { functionKeyQuery: [] }],
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
        }),
      },
      '/v1/status': {
        get: op('current run, health and next scheduled run', {
          '200': jsonBody('status', 'Status'),
          '401': common['401'],
        }),
      },
      '/v1/scenarios': {
        get: op(
          'the scenario library',
          { '200': jsonBody('scenarios', 'ScenarioList'), ...common },
          {
            parameters: [
              query('area', { type: 'string' }, 'technology area'),
              query('enabled', { enum: ['true', 'false'] }, 'only enabled or disabled'),
            ],
          },
        ),
      },
      '/v1/runs': {
        get: op(
          'runs, newest first',
          { '200': jsonBody('one page of runs', 'RunList'), ...common },
          {
            parameters: [
              ...page,
              query(
                'status',
                { type: 'string' },
                'durable runtime status, e.g. Running, Completed, Failed, Terminated',
              ),
            ],
          },
        ),
        post: op(
          'start a run on demand',
          {
            '202': {
              description: 'accepted; the body and Location carry the durable check-status links',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('RunStarted') } },
            },
            ...common,
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
          { parameters: [runId] },
        ),
      },
      '/v1/runs/{run_id}/resources': {
        get: op(
          'resources the run created and what became of them',
          { '200': jsonBody('one page of resources', 'ResourceList'), ...withRun },
          {
            parameters: [
              runId,
              ...page,
              query('scenario_name', { type: 'string' }, 'scenario id'),
              query(
                'resource_type',
                { type: 'string' },
                'ARM type, e.g. Microsoft.Storage/storageAccounts (case-insensitive)',
              ),
              query(
                'status',
                { enum: ['created', 'deleted', 'deletion_failed', 'force_deleted'] },
                'ledger status',
              ),
            ],
          },
        ),
      },
      '/v1/runs/{run_id}/events': {
        get: op(
          'the run audit trail, oldest first',
          { '200': jsonBody('one page of events', 'EventList'), ...withRun },
          {
            parameters: [
              runId,
              ...page,
              query('type', { type: 'string' }, 'event type'),
              query('scenario_name', { type: 'string' }, 'scenario id'),
              query(
                'after',
                { type: 'string', format: 'date-time' },
                'only events after this time (for following)',
              ),
            ],
          },
        ),
      },
      '/v1/runs/{run_id}/terminate': {
        post: op(
          'terminate a running run; the janitor removes what it left',
          { '202': jsonBody('terminated', 'Terminated'), ...withRun, '409': error('the run is not running') },
          {
            parameters: [
              runId,
              query('reason', { type: 'string', maxLength: 500 }, 'recorded with the termination'),
            ],
          },
        ),
      },
      '/v1/runs/{run_id}/rewind': {
        post: op(
          'rewind a failed run',
          { '202': jsonBody('rewinding', 'Rewinding'), ...withRun, '409': error('the run is not Failed') },
          {
            parameters: [
              runId,
              query('reason', { type: 'string', maxLength: 500 }, 'recorded with the rewind'),
            ],
          },
        ),
      },
      '/v1/runs/{run_id}/report': {
        get: op(
          'the run report as one self-contained HTML page',
          {
            '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
            ...withRun,
          },
          { parameters: [runId] },
        ),
      },
      '/v1/runs/{run_id}/report.json': {
        get: op(
          'the run report (DESIGN.md §7)',
          { '200': jsonBody('report', 'RunReport'), ...withRun },
          { parameters: [runId] },
        ),
      },
      '/v1/janitor': {
        post: op(
          'sweep HayMaker objects of runs no longer running or past ExpiresAt',
          { '200': jsonBody('what was found and removed', 'JanitorResult'), ...common },
          {
            parameters: [
              query('dry_run', { enum: ['true', 'false'], default: 'true' }, 'list only (default) or remove'),
            ],
          },
        ),
      },
    },
    components: {
      securitySchemes: {
        functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key' },
        functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code' },
      },
      schemas: SCHEMAS,
    },
  };
}
