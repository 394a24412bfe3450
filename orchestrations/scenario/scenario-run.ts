// What every step of a scenario orchestration shares: its input, the outcome being drafted, the principal once it
// exists, and the small actions each step repeats (entity signal, custom status, audit event, skipped steps).
// Everything here is derived from the orchestration context, so a replay rebuilds it exactly.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { PrincipalRef, ScenarioContext } from '../../contract/activities';
import { runEntitySignal, type RunOperation, type ScenarioRunStatus } from '../../contract/entities';
import type { OrchestratorEventType } from '../../contract/events';
import type {
  ScenarioCustomStatus,
  ScenarioOrchestrationInput,
  ScenarioStep,
} from '../../contract/orchestrations';
import type { Log } from '../../core/log';
import { attempt } from '../attempt';
import { callActivity } from '../call-activity';
import { orchestrationLog } from '../orchestration-log';
import { newOutcome, recordStep, type OutcomeDraft } from '../outcome';
import { signalEntity } from '../signal-entity';

export type ScenarioSignal = Extract<RunOperation, { type: 'scenarioStatus' | 'scenarioFinished' | 'error' }>;

export interface ScenarioRun {
  context: OrchestrationContext;
  input: ScenarioOrchestrationInput;
  /** The ids and times every activity of the scenario is called with. */
  scenario: ScenarioContext;
  draft: OutcomeDraft;
  log: Log;
  /** Set once provisioning succeeded; principal deletion uses it (and finds a half-made one by name otherwise). */
  principal?: PrincipalRef;
  roleAssignmentIds?: string[];
}

export function startScenarioRun(context: OrchestrationContext): ScenarioRun {
  const input = context.df.getInput() as ScenarioOrchestrationInput;
  const region = input.grants?.region;
  const draft = newOutcome(
    input.runId,
    input.scenarioId,
    context.df.instanceId,
    now({ context }),
    input.settings.operationBursts,
  );
  return {
    context,
    input,
    scenario: {
      runId: input.runId,
      scenarioId: input.scenarioId,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
      ...(region ? { region } : {}),
    },
    draft: region ? { ...draft, region } : draft,
    log: orchestrationLog(context),
  };
}

/** Orchestration time, ISO-8601. */
export const now = (run: Pick<ScenarioRun, 'context'>): string =>
  run.context.df.currentUtcDateTime.toISOString();

/** Where the scenario is: the custom status (for the API and the Service Bus trigger) and the run entity. */
export function enterStep(
  run: ScenarioRun,
  status: ScenarioCustomStatus | undefined,
  ledger: Exclude<ScenarioRunStatus, 'pending' | 'succeeded' | 'failed'>,
): void {
  if (status) run.context.df.setCustomStatus(status);
  signal(run, { type: 'scenarioStatus', scenarioId: run.input.scenarioId, status: ledger });
}

export function signal(run: ScenarioRun, op: ScenarioSignal): void {
  signalEntity(run.context, runEntitySignal(run.input.runId, op));
}

export function setStatus(run: ScenarioRun, status: ScenarioCustomStatus): void {
  run.context.df.setCustomStatus(status);
}

/** Audit events are best effort: a storage hiccup must not change what happens to the tenant. */
export function* audit(
  run: ScenarioRun,
  type: OrchestratorEventType,
  data: Record<string, unknown>,
): Generator<Task, void, any> {
  yield* attempt(
    callActivity(run.context, 'recordAuditEvent', {
      runId: run.input.runId,
      scenarioId: run.input.scenarioId,
      type,
      timestamp: now(run),
      data,
    }),
  );
}

/** Records steps that will not run, in order. */
export function skip(run: ScenarioRun, ...steps: ScenarioStep[]): void {
  for (const step of steps) recordStep(run.draft, step, 'skipped', now(run), now(run));
}
