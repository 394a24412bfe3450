// Building a ScenarioOutcome step by step. Pure: the orchestrator passes in times from its own clock.
import { errorText } from '../core/error-text';
import { createScrubber } from '../core/scrub';
import type {
  PhaseCrash,
  ScenarioOutcome,
  ScenarioStatus,
  ScenarioStep,
  StepRecord,
  StepStatus,
} from '../contract/orchestrations';

export type OutcomeDraft = Omit<ScenarioOutcome, 'status' | 'endedAt'>;

export function newOutcome(
  runId: string,
  scenarioId: string,
  instanceId: string,
  startedAt: string,
  plannedBursts: number,
): OutcomeDraft {
  return {
    runId,
    scenarioId,
    instanceId,
    startedAt,
    steps: [],
    bursts: { planned: plannedBursts, succeeded: 0, failed: 0, timedOut: 0, skipped: 0 },
    leftoversFound: 0,
    forceDeleted: 0,
    forceDeleteFailed: [],
    cleanupVerified: false,
    principal: { created: false, deleted: false, verifiedGone: false },
    errors: [],
  };
}

export function recordStep(
  draft: OutcomeDraft,
  step: ScenarioStep,
  status: StepStatus,
  startedAt: string,
  endedAt: string,
  extra: { burst?: number; error?: string; crashes?: PhaseCrash[] } = {},
): void {
  const record: StepRecord = { step, status, startedAt, endedAt };
  if (extra.burst !== undefined) record.burst = extra.burst;
  if (extra.crashes !== undefined)
    record.crashes = extra.crashes.map((c) => ({ ...c, reason: scrub(c.reason) }));
  if (extra.error !== undefined) {
    const error = scrub(extra.error);
    record.error = error;
    draft.errors.push(
      extra.burst === undefined ? `${step}: ${error}` : `${step} burst ${extra.burst}: ${error}`,
    );
  }
  draft.steps.push(record);
  if (step === 'operate' && extra.burst !== undefined) {
    if (status === 'succeeded') draft.bursts.succeeded++;
    else if (status === 'failed') draft.bursts.failed++;
    else if (status === 'timedOut') draft.bursts.timedOut++;
    else draft.bursts.skipped++;
  }
}

/** A scenario succeeded only if every step ran and succeeded, nothing was left behind and its principal is gone. */
export function scenarioStatusOf(draft: OutcomeDraft): ScenarioStatus {
  const allSucceeded = draft.steps.every((s) => s.status === 'succeeded');
  return allSucceeded && draft.cleanupVerified && draft.principal.verifiedGone ? 'succeeded' : 'failed';
}

export function finishOutcome(draft: OutcomeDraft, endedAt: string): ScenarioOutcome {
  return { ...draft, status: scenarioStatusOf(draft), endedAt };
}

// Error text from activities lands in history, entity state and the report: redact anything shaped like a
// secret (client secrets, JWTs, connection strings, SAS tokens) in case an SDK error echoed one.
const scrub = createScrubber([]);

export function errorMessage(error: unknown): string {
  return scrub(errorText(error));
}
