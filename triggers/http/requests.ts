// Every request the API reads, declared once with zod: the handlers parse with these schemas, and the OpenAPI
// document (openapi/document.ts) describes the parameters and the POST /v1/runs body by converting the same schemas
// (z.toJSONSchema, https://zod.dev/json-schema). A limit changed here changes both.
import { z } from 'zod';
import { runRequestFields } from '../../contract/run-request';
import { SIMULATION_SIZES } from '../../core/config/schema';

const MAX_PAGE_SIZE = 500;

/** A whole number in a query string ("12"), checked after conversion. */
const integerParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `${name} must be at least ${min}` })
        .max(max, { error: `${name} must be at most ${max}` }),
    );

const trueOrFalse = z.enum(['true', 'false'], { error: 'must be true or false' });
const scenarioName = z.string().min(1).max(200).meta({ description: 'scenario id' });

export const paginationQuery = z.object({
  page: integerParam('page', 1, 1_000_000)
    .optional()
    .meta({ description: '1-based page; a page beyond the end is empty', default: 1 }),
  page_size: integerParam('page_size', 1, MAX_PAGE_SIZE)
    .optional()
    .meta({ description: 'items per page', default: 100 }),
});

/** Run ids are durable instance ids: letters, digits and a few separators (they also name report folders). */
export const runIdPath = z.object({
  run_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error: 'must be letters, digits, ".", "_", ":" or "-" (at most 128)',
  }),
});

export const listRunsQuery = paginationQuery.extend({
  status: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'durable runtime status, e.g. Running, Completed, Failed, Terminated' }),
});

/** POST /v1/runs: the run request in the API's snake_case; the API allows fewer bursts than the settings do. */
export const startRunBody = z
  .object({
    size: runRequestFields.size.optional(),
    // At most a large run's worth (core/config SIMULATION_SIZES.large).
    scenarios: runRequestFields.scenarioIds.min(1).max(SIMULATION_SIZES.large).optional(),
    seed: runRequestFields.seed.optional(),
    operations_window_minutes: runRequestFields.operationsWindowMinutes.optional(),
    operation_bursts: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export const listScenariosQuery = z.object({
  area: z
    .string()
    .regex(/^[a-z-]+$/, { error: 'must be an area such as compute or ai-ml' })
    .optional()
    .meta({ description: 'technology area' }),
  enabled: trueOrFalse.optional().meta({ description: 'only enabled or disabled' }),
});

export const RESOURCE_STATUSES = ['created', 'deleted', 'deletion_failed', 'force_deleted'] as const;

export const listResourcesQuery = paginationQuery.extend({
  scenario_name: scenarioName.optional(),
  resource_type: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: 'ARM type, e.g. Microsoft.Storage/storageAccounts (case-insensitive)' }),
  status: z.enum(RESOURCE_STATUSES).optional().meta({ description: 'ledger status' }),
});

export const listEventsQuery = paginationQuery.extend({
  type: z
    .string()
    .regex(/^[a-z_]+$/, { error: 'must be an event type such as phase_completed' })
    .optional()
    .meta({ description: 'event type' }),
  scenario_name: scenarioName.optional(),
  after: z.iso
    .datetime({ error: 'must be an ISO-8601 UTC timestamp such as 2026-01-01T00:00:00Z' })
    .optional()
    .meta({ description: 'only events after this time (for following)' }),
});

export const reasonQuery = z.object({
  reason: z.string().max(500).optional().meta({ description: 'recorded with the termination or rewind' }),
});

export const janitorQuery = z.object({
  dry_run: trueOrFalse.optional().meta({ description: 'list only (default) or remove', default: 'true' }),
});

export const HAY_FORMATS = ['json', 'jsonl', 'csv'] as const;

export const hayQuery = z.object({
  format: z
    .enum(HAY_FORMATS)
    .default('json')
    .meta({ description: 'json (an array), jsonl (one event a line) or csv (a header row, RFC 4180)' }),
});
