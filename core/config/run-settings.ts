// The slice of settings the orchestrations receive (RunSettings in contract/activities.ts): no secrets, no endpoints.
import type { HayMakerSettings } from './schema';

/** Structurally the RunSettings of contract/activities.ts (core sits below the contract, so it cannot name the type). */
export function toRunSettings(settings: HayMakerSettings) {
  return {
    subscriptionId: settings.subscriptionId,
    location: settings.location,
    operationsWindowMinutes: settings.operationsWindowMinutes,
    operationBursts: settings.operationBursts,
    rolePropagationSeconds: settings.rolePropagationSeconds,
    phaseDeadlineMinutes: settings.phaseDeadlineMinutes,
    burstDeadlineMinutes: settings.burstDeadlineMinutes,
    phaseCrashRetries: settings.phaseCrashRetries,
    runExpiryHours: settings.runExpiryHours,
    ...(settings.officeHours ? { officeHours: settings.officeHours } : {}),
  };
}
