// One agent job step (deploy, one operate burst, or cleanup): start the job, then race the agent's completion event
// against a deadline timer. The agent watchdog (triggers/agent-watchdog.ts) raises the same event with `crashed` when
// the execution ended without reporting; the step then starts a new execution, at most `crashRetries` times. No
// polling here: two tasks and one event per attempt, whatever the deadline, so history stays flat.
import type { OrchestrationContext, Task, TimerTask } from 'durable-functions';
import { phaseEventName, type PhaseOutcomeEvent } from '../contract/events';
import type { PhaseCrash } from '../contract/orchestrations';
import { type Phase } from '../core/events';
import type { PrincipalRef, ScenarioContext } from '../contract/activities';
import { callActivity } from './call-activity';
import { errorMessage } from './outcome';
import { attempt } from './attempt';

type JobResult =
  | { status: 'succeeded'; executionName: string; eventId: string }
  | { status: 'failed'; executionName?: string; error: string }
  | { status: 'timedOut'; executionName: string; error: string };

export type AgentPhaseResult = JobResult & { crashes: PhaseCrash[] };

export interface AgentPhaseOptions {
  scenario: ScenarioContext;
  principal: Pick<PrincipalRef, 'appId' | 'secretName'>;
  phase: Phase;
  burst?: number;
  deadlineMinutes: number;
  /** New executions started after a crash, at most. */
  crashRetries: number;
  /**
   * Called before each job starts (no execution yet) and once it started, so the custom status names the event being
   * waited for and the execution the watchdog watches.
   */
  onWaiting?: (waiting: { eventName: string; attempt: number; executionName?: string }) => void;
  /** Called for each job an earlier start attempt began that had died by the time the phase was started again. */
  onReplaced?: (crash: PhaseCrash) => void;
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

/**
 * An outcome about another execution of this step than the one running now: a duplicate crash report, or a late
 * phase event from an execution that was declared crashed (it may still have been alive). The wait goes on. An agent
 * event naming no execution (an agent built before it named one) is taken as before; a crash report always names one.
 */
const isAboutAnotherExecution = (raw: unknown, executionName: string): boolean => {
  const event = raw as Partial<PhaseOutcomeEvent> | null;
  if (event?.crashed === true) return event.executionName !== executionName;
  return typeof event?.executionName === 'string' && event.executionName !== executionName;
};

export function* runAgentPhase(
  context: OrchestrationContext,
  options: AgentPhaseOptions,
): Generator<Task, AgentPhaseResult, any> {
  const crashes: PhaseCrash[] = [];
  const replaced: PhaseCrash[] = [];
  const onReplaced = (crash: PhaseCrash) => {
    if (![...crashes, ...replaced].some((c) => c.executionName === crash.executionName)) replaced.push(crash);
  };
  for (let attemptNo = 1; ; attemptNo++) {
    const ended = yield* runOneJob(context, { ...options, onReplaced }, attemptNo);
    const all = () => [...replaced, ...crashes].sort((a, b) => a.at.localeCompare(b.at));
    if (!('crash' in ended)) return { ...ended, crashes: all() };
    crashes.push(ended.crash);
    if (crashes.length > retryLimit(options.crashRetries))
      return {
        status: 'failed',
        executionName: ended.crash.executionName,
        error: `the agent job of the ${describe(options.phase, options.burst)} ended without reporting ${crashes.length} time(s), the last: ${ended.crash.reason}`,
        crashes: all(),
      };
  }
}

/** A scenario started before PHASE_CRASH_RETRIES existed has none in its input: it gets no retry, as before. */
const retryLimit = (setting: number | undefined): number => (Number.isInteger(setting) ? setting! : 0);

type JobEnd = JobResult | { crash: PhaseCrash };

function* runOneJob(
  context: OrchestrationContext,
  options: AgentPhaseOptions,
  attemptNo: number,
): Generator<Task, JobEnd, any> {
  const { phase, burst } = options;
  const eventName = phaseEventName(phase, burst);
  options.onWaiting?.({ eventName, attempt: attemptNo });
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
  options.onWaiting?.({ eventName, attempt: attemptNo, executionName });
  // Jobs an earlier attempt of startAgentJob began that died before the orchestration waited on them (the host itself
  // went down with them): the phase runs again in this new execution, and the report says so.
  for (const dead of started.value.replacedExecutions ?? [])
    options.onReplaced?.({
      executionName: dead.executionName,
      at: context.df.currentUtcDateTime.toISOString(),
      reason: `execution ${dead.executionName} ended ${dead.status} before the orchestration waited on it`,
    });

  const deadlineAt = new Date(context.df.currentUtcDateTime.getTime() + options.deadlineMinutes * 60_000);
  let deadline: TimerTask = context.df.createTimer(deadlineAt);
  let completion = context.df.waitForExternalEvent(eventName);
  let winner: Task = yield context.df.Task.any([completion, deadline]);
  while (winner === completion && isAboutAnotherExecution(completion.result, executionName)) {
    // A new timer for the same moment: the SDK schedules a timer again each time it is yielded in a new Task.any,
    // and the duplicate TimerCreated shifts every later timer's id, which stalled the scenario after a stale event.
    deadline.cancel();
    deadline = context.df.createTimer(deadlineAt);
    completion = context.df.waitForExternalEvent(eventName);
    winner = yield context.df.Task.any([completion, deadline]);
  }
  options.onSettled?.();

  if (winner === completion) {
    deadline.cancel();
    const outcome = readOutcome(completion.result, phase, burst);
    if (typeof outcome === 'string') return { status: 'failed', executionName, error: outcome };
    if (outcome.crashed)
      return {
        crash: {
          executionName,
          at: context.df.currentUtcDateTime.toISOString(),
          reason: outcome.error ?? 'the execution ended without reporting',
        },
      };
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
