// JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the monitoring API's bodies. Kept strict on purpose: the API
// tests validate every real response against them, so a field renamed in a handler fails a test.
type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer', minimum: 0 };
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const dateTime: Schema = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const RUN_SUMMARY_PROPERTIES: Record<string, Schema> = {
  run_id: str,
  runtime_status: str,
  phase: str,
  trigger: nullable({ enum: ['timer', 'api', 'cli'] }),
  size: nullable(str),
  seed: nullable(str),
  created_at: nullable(dateTime),
  started_at: nullable(dateTime),
  ended_at: nullable(dateTime),
  expires_at: nullable(dateTime),
  cleanup_verified: nullable({ type: 'boolean' }),
  scenarios: obj({ total: int, succeeded: int, failed: int, running: int, pending: int }),
  resources: obj({ created: int, deleted: int, deletion_failed: int, force_deleted: int }),
};

export const SCHEMAS: Record<string, Schema> = {
  HayEvents: {
    type: 'array',
    description:
      'one labelled Activity Log event per item (contract/hay.ts HAY_EXPORT_FIELDS); absent values are null',
    items: obj({
      eventTimestamp: dateTime,
      operationName: str,
      status: str,
      resourceId: str,
      resourceGroupName: nullable(str),
      callerAppId: nullable(str),
      callerObjectId: nullable(str),
      correlationId: str,
      eventDataId: str,
      runId: str,
      scenarioId: str,
      phase: { enum: ['deploy', 'operate', 'cleanup', 'unattributed'] },
      burst: nullable(int),
    }),
  },
  Error: obj({
    error: obj({
      code: {
        type: 'string',
        enum: [
          'bad_request',
          'unauthorized',
          'forbidden',
          'run_not_found',
          'report_not_ready',
          'conflict',
          'payload_too_large',
          'too_many_runs',
          'unavailable',
          'internal',
        ],
      },
      message: str,
      trace_id: str,
    }),
  }),
  Pagination: obj({
    page: { type: 'integer', minimum: 1 },
    page_size: { type: 'integer', minimum: 1, maximum: 500 },
    total_items: int,
    total_pages: int,
    has_next: { type: 'boolean' },
    has_previous: { type: 'boolean' },
  }),
  Health: obj({
    status: { enum: ['ok', 'unhealthy'] },
    checks: { type: 'object', additionalProperties: str },
  }),
  Status: obj({
    status: { enum: ['running', 'idle'] },
    health: { enum: ['healthy', 'degraded'] },
    current_run_id: nullable(str),
    started_at: nullable(dateTime),
    phase: nullable(str),
    scenarios_count: int,
    scenarios_completed: int,
    scenarios_running: int,
    scenarios_failed: int,
    next_scheduled_run: nullable(dateTime),
    last_run: nullable(
      obj({
        run_id: str,
        status: { enum: ['completed', 'failed', 'terminated'] },
        started_at: nullable(dateTime),
        ended_at: dateTime,
      }),
    ),
  }),
  RunSummary: obj(RUN_SUMMARY_PROPERTIES),
  RunList: obj({ items: { type: 'array', items: ref('RunSummary') }, pagination: ref('Pagination') }),
  RunDetail: obj({
    ...RUN_SUMMARY_PROPERTIES,
    scenario_details: {
      type: 'array',
      items: obj({
        scenario_id: str,
        status: str,
        resources_created: int,
        resources_deleted: int,
        force_deleted: int,
        errors: { type: 'array', items: str },
      }),
    },
    errors: { type: 'array', items: str },
    // The seed system's fields, served alongside: a client written for its API reads these.
    status: { enum: ['pending', 'running', 'completed', 'failed', 'terminated'] },
    simulation_size: nullable(str),
    total_resources: int,
    total_service_principals: int,
    cleanup_verification: obj({
      status: { enum: ['verified', 'failed', 'pending'] },
      resources_remaining: int,
    }),
    report: nullable(
      obj({ json: { type: 'string', format: 'uri' }, html: { type: 'string', format: 'uri' } }),
    ),
  }),
  RunStarted: {
    ...obj({
      run_id: str,
      id: str,
      status_uri: { type: 'string', format: 'uri' },
      terminate_uri: { type: 'string', format: 'uri' },
      events_uri: { type: 'string', format: 'uri' },
    }),
    description:
      'run_id and links to this API only: never the Durable extension management links, which carry its system key',
  },
  Resource: obj({
    resource_id: str,
    resource_type: str,
    name: str,
    scenario_name: str,
    status: { enum: ['created', 'deleted', 'deletion_failed', 'force_deleted'] },
  }),
  ResourceList: obj({
    run_id: str,
    items: { type: 'array', items: ref('Resource') },
    resources: {
      type: 'array',
      items: ref('Resource'),
      description: 'the same page as items (seed API name)',
    },
    pagination: ref('Pagination'),
  }),
  Event: obj({
    event_id: str,
    type: str,
    source: { enum: ['agent', 'orchestrator'] },
    scenario_id: nullable(str),
    phase: nullable(str),
    burst: nullable({ type: 'integer', minimum: 0 }),
    timestamp: dateTime,
    data: { type: 'object' },
  }),
  EventList: obj({
    run_id: str,
    audit_available: { type: 'boolean' },
    items: { type: 'array', items: ref('Event') },
    pagination: ref('Pagination'),
  }),
  Terminated: obj({ run_id: str, status: { const: 'terminated' }, janitor_next_run: nullable(dateTime) }),
  Rewinding: obj({ run_id: str, status: { const: 'rewinding' } }),
  JanitorResult: obj({
    dry_run: { type: 'boolean' },
    findings: {
      type: 'array',
      items: obj({
        kind: str,
        id: str,
        run_id: nullable(str),
        reason: { enum: ['runNotRunning', 'expired'] },
      }),
    },
    removed: { type: 'array', items: str },
    failed: { type: 'array', items: obj({ id: str, error: str }) },
  }),
  Scenario: obj({
    id: str,
    area: str,
    title: str,
    enabled: { type: 'boolean' },
    operations: { type: 'array', items: str, description: 'control-plane operations a run must produce' },
  }),
  ScenarioList: obj({ items: { type: 'array', items: ref('Scenario') }, total_items: int }),
  RunReport: {
    type: 'object',
    description: 'report.json (DESIGN.md §7); additional fields may appear',
    required: ['runId', 'size', 'seed', 'startedAt', 'endedAt', 'status', 'summary', 'scenarios'],
    properties: {
      runId: str,
      size: nullable(str),
      seed: str,
      startedAt: dateTime,
      endedAt: dateTime,
      status: { enum: ['completed', 'failed', 'terminated'] },
      summary: {
        type: 'object',
        required: ['scenarios', 'cleanupVerified', 'leaked'],
        properties: {
          scenarios: obj({ total: int, succeeded: int, failed: int }),
          cleanupVerified: { type: 'boolean' },
          leaked: obj({
            resources: int,
            principals: int,
            appRegistrations: int,
            roleAssignments: int,
            secrets: int,
          }),
          regions: {
            type: 'object',
            description: 'scenarios per region (the spread over HAYMAKER_REGIONS)',
            additionalProperties: int,
          },
        },
      },
      scenarios: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'scenarioId',
            'status',
            'phases',
            'resourcesCreated',
            'resourcesDeleted',
            'forceDeleted',
            'errors',
          ],
          properties: {
            scenarioId: str,
            status: { enum: ['succeeded', 'failed'] },
            phases: {
              type: 'array',
              items: { type: 'object', required: ['step', 'status', 'startedAt', 'endedAt'] },
            },
            resourcesCreated: int,
            resourcesDeleted: int,
            forceDeleted: int,
            errors: { type: 'array', items: str },
            region: { ...str, description: 'the region the scenario ran in (seeded at selection)' },
          },
        },
      },
    },
  },
};
