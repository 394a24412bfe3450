// What a run is asked for (the run orchestration's input), from the schedule, the API or the CLI. It comes from
// outside, so validateConfiguration checks it with this schema before the run acts on it; the API's POST /v1/runs
// body is built from the same fields (triggers/http/requests.ts).
import { z } from 'zod';
import { SIMULATION_SIZES } from '../core/config/schema';

const SIZES = Object.keys(SIMULATION_SIZES) as [
  keyof typeof SIMULATION_SIZES,
  ...(keyof typeof SIMULATION_SIZES)[],
];

export const runRequestFields = {
  /** Explicit scenario ids (file stems); when present, size is ignored. */
  scenarioIds: z.array(
    z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be a scenario id (file stem)' }),
  ),
  size: z.enum(SIZES),
  /** Seed for selection and jitter; defaults to the run instance id. */
  seed: z.string().min(1).max(128),
  /** The operate window, at most a week. */
  operationsWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  operationBursts: z.number().int().min(0).max(1000),
  /** Who started it. */
  trigger: z.enum(['timer', 'api', 'cli']),
};

export const runRequestSchema = z.object({
  scenarioIds: runRequestFields.scenarioIds.optional(),
  size: runRequestFields.size.optional(),
  seed: runRequestFields.seed.optional(),
  operationsWindowMinutes: runRequestFields.operationsWindowMinutes.optional(),
  operationBursts: runRequestFields.operationBursts.optional(),
  trigger: runRequestFields.trigger.optional(),
});

export type RunRequest = z.infer<typeof runRequestSchema>;
