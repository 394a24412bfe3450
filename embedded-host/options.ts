import { z } from 'zod';

const isFunction = (v: unknown): boolean => typeof v === 'function';

/** Checked once at start so a wrong option fails with every problem named, not deep in a run. */
export const embeddedHostOptionsSchema = z.object({
  appEntry: z.string().min(1, 'appEntry: path to the compiled app entry (e.g. dist/app/main.js)'),
  dataDir: z.string().min(1, 'dataDir: folder for the task hub (e.g. .haymaker)'),
  port: z.number().int().min(0).max(65535).optional(),
  clock: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('real') }),
      z.object({ kind: z.literal('scaled'), factor: z.number().positive(), startAt: z.number().optional() }),
      z.object({ kind: z.literal('manual'), startAt: z.number().optional() }),
    ])
    .optional(),
  env: z.record(z.string(), z.string()).optional(),
  activityConcurrency: z.number().int().positive().optional(),
  hostKey: z.string().min(8, 'hostKey: at least 8 characters').optional(),
  serviceBus: z.custom<unknown>(isFunction, 'serviceBus: a source factory function').optional(),
  logger: z.custom<unknown>(isFunction, 'logger: a function (level, message)').optional(),
  taskHubName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{2,44}$/, 'taskHubName: 3–45 letters and digits, starting with a letter')
    .optional(),
  schema: z.enum(['V2', 'V3']).optional(),
  hostJson: z.string().min(1).optional(),
  taskHubStore: z
    .object({
      segmentBytes: z.number().int().min(1024, 'taskHubStore.segmentBytes: at least 1024').optional(),
      onBatchWritten: z.custom<unknown>(isFunction, 'taskHubStore.onBatchWritten: a function').optional(),
    })
    .optional(),
});

export function validateHostOptions(options: unknown): void {
  const result = embeddedHostOptionsSchema.safeParse(options);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || 'options'}: ${i.message}`)
      .join('; ');
    throw new Error(`startEmbeddedHost: invalid options — ${problems}`);
  }
}
