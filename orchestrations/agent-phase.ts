// One agent job (deploy, one operate burst, or cleanup): start the job, then race the agent's completion event
// against a deadline timer. Two tasks and one event per phase, whatever the deadline: history stays flat.
import type { OrchestrationContext, Task, TimerTask } from 'durable-functions';
import { phaseEventName, type PhaseOutcomeEvent } from '../contract/events';
import { type Phase } from '../core/events';
import type { PrincipalRef, ScenarioContext } from '../contract/activities';
import { callActivity } from './call-activity';
import { errorMessage } from './outcome';
import { attempt } from './attempt';

export type AgentPhaseResult =
  | { status: 'succeeded'; executionName: string; eventId: string }
  | { status: 'failed'; executionName?: string; error: string }
  | { status: 'timedOut'; executionName: string; error: string };

export interface AgentPhaseOptions {
  scenario: ScenarioContext;
  principal: Pick<PrincipalRef, 'appId' | 'secretName'>;
  phase: Phase;
  burst?: number;
  deadlineMinutes: number;
  /** Called before the job starts so the custom status names the event being waited for. */
  onWaiting?: (eventName: string) => void;
  /** Called once the race is decided, so the custom status stops naming an event nobody waits for any more. */
  onSettled?: () => void;
}

const describe = (phase: Phase, burst?: number) =>
  burst === undefined ? `${phase} phase` : `operate burst ${burst}`;

/** Accepts the trigger's payload only if it is a PhaseOutcomeEvent for this phase (anything else is a failure). */
function readOutcome(raw: unknown, phase: Phase, burst?: number): PhaseOutcomeEvent | string {
  if (typeof raw !== 'object' || raw === null) return 'the completion event carried no payload';
  const event = raw as Partial<PhaseOutcomeEvent>;
  if (typeof event.succeeded !== 'boolean' || typeof event.eventId !== 'string')
    return 'the completion event payload is not a PhaseOutcomeEvent';
  if (event.phase !== phase || (event.burst ?? undefined) !== burst)
    return `the completion event is for ${describe(event.phase as Phase, event.burst)}`;
  return event as PhaseOutcomeEvent;
}

export function* runAgentPhase(
  context: OrchestrationContext,
  options: AgentPhaseOptions,
): Generator<Task, AgentPhaseResult, any> {
  const { phase, burst } = options;
  const eventName = phaseEventName(phase, burst);
  options.onWaiting?.(eventName);
  const started = yield* attempt(
    callActivity(context, 'startAgentJob', {
      ...options.scenario,
      phase,
      ...(burst !== undefined ? { burst } : {}),
      principal: { appId: options.principal.appId, secretName: options.principal.secretName },
    }),
  );
  if (!started.ok)
    return {
      status: 'failed',
      error: `could not start the agent job for the ${describe(phase, burst)}: ${started.error}`,
    };
  const executionName = started.value.executionName;

  const deadlineAt = new Date(context.df.currentUtcDateTime.getTime() + options.deadlineMinutes * 60_000);
  const deadline: TimerTask = context.df.createTimer(deadlineAt);
  const completion = context.df.waitForExternalEvent(eventName);
  const winner: Task = yield context.df.Task.any([completion, deadline]);
  options.onSettled?.();

  if (winner === completion) {
    deadline.cancel();
    const outcome = readOutcome(completion.result, phase, burst);
    if (typeof outcome === 'string') return { status: 'failed', executionName, error: outcome };
    if (outcome.succeeded) return { status: 'succeeded', executionName, eventId: outcome.eventId };
    return {
      status: 'failed',
      executionName,
      error: `the agent reported the ${describe(phase, burst)} failed: ${outcome.error ?? 'no reason given'}`,
    };
  }

  // Deadline: stop the job so it cannot keep acting while cleanup verification removes what it made.
  const stopped = yield* attempt(callActivity(context, 'stopAgentJob', { executionName }));
  const stopNote = stopped.ok
    ? stopped.value.stopped
      ? 'stopped'
      : 'already ended'
    : `stopping it failed: ${errorMessage(stopped.error)}`;
  return {
    status: 'timedOut',
    executionName,
    error: `agent job ${executionName} did not report the end of the ${describe(phase, burst)} within ${options.deadlineMinutes} min (${stopNote})`,
  };
}
