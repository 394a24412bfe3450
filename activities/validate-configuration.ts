// Resolves the run's settings once: configuration was validated at load (core/config); the request may narrow the
// operate window and bursts, and is validated here because it comes from the API.
import { z } from 'zod';
import { toRunSettings } from '../core/config';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

const requestOverrides = z.object({
  operationsWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  operationBursts: z.number().int().min(0).max(1000).optional(),
});

export function createValidateConfiguration(
  deps: Pick<Dependencies, 'settings'>,
): ActivityHandler<'validateConfiguration'> {
  return async (request) => {
    const parsed = requestOverrides.safeParse(request ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`the run request is invalid (${problems}); fix the request and start the run again`);
    }
    const base = toRunSettings(deps.settings);
    return {
      ...base,
      operationsWindowMinutes: parsed.data.operationsWindowMinutes ?? base.operationsWindowMinutes,
      operationBursts: parsed.data.operationBursts ?? base.operationBursts,
    };
  };
}
