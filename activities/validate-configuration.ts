// Resolves the run's settings once: configuration was validated at load (core/config); the request may narrow the
// operate window and bursts, and is validated here because it comes from outside (API, CLI).
import { toRunSettings } from '../core/config';
import type { ActivityHandler } from '../contract/activities';
import { runRequestSchema } from '../contract/run-request';
import type { Dependencies } from './dependencies';

export function createValidateConfiguration(
  deps: Pick<Dependencies, 'settings'>,
): ActivityHandler<'validateConfiguration'> {
  return async (request) => {
    const parsed = runRequestSchema.safeParse(request ?? {});
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
