// The slice of settings the orchestrations receive (activities/contract.ts RunSettings): no secrets, no endpoints.
import type { HayMakerSettings } from './schema';

/** Structurally the RunSettings of activities/contract.ts (core may not import activities). */
export function toRunSettings(settings: HayMakerSettings) {
  return {
    subscriptionId: settings.subscriptionId,
    location: settings.location,
    operationsWindowMinutes: settings.operationsWindowMinutes,
    operationBursts: settings.operationBursts,
    rolePropagationSeconds: settings.rolePropagationSeconds,
    phaseDeadlineMinutes: settings.phaseDeadlineMinutes,
    burstDeadlineMinutes: settings.burstDeadlineMinutes,
    runExpiryHours: settings.runExpiryHours,
  };
}
