// The steps the agent does: deploy, the operation bursts over the operations window, and its own cleanup. Each agent
// job is started and then raced against its deadline (agent-phase.ts); the outcome records every job.
import type { Task } from 'durable-functions';
import type { Phase } from '../../core/events';
import { runAgentPhase, type AgentPhaseResult } from '../agent-phase';
import { burstOffsetsMs } from '../burst-schedule';
import { operateInline } from './operate-inline';
import { signalEntity } from '../signal-entity';
import { OPERATIONS_DONE_EVENT, burstsEntitySignal, type OperationsDoneEvent } from '../../contract/bursts';
import { recordStep } from '../outcome';
import { audit, enterStep, now, setStatus, type ScenarioRun } from './scenario-run';

/** Time kept free before ExpiresAt for cleanup, verification and principal deletion. */
export const VERIFY_RESERVE_MINUTES = 30;

/** Slack on the operations deadline for the burst driver's ticks (one a minute) and signals in flight. */
const DRIVER_MARGIN_MINUTES = 15;

/** One agent job (a phase or a burst), its completion event raced against its deadline, recorded in the outcome. */
export function* agentJob(
  run: ScenarioRun,
  phase: Phase,
  deadlineMinutes: number,
  burst?: number,
): Generator<Task, AgentPhaseResult, any> {
  const where = { step: phase, phase, ...(burst !== undefined ? { burst } : {}) } as const;
  const startedAt = now(run);
  const result = yield* runAgentPhase(run.context, {
    scenario: run.scenario,
    principal: { appId: run.principal!.appId, secretName: run.principal!.secretName },
    phase,
    ...(burst !== undefined ? { burst } : {}),
    deadlineMinutes,
    crashRetries: run.input.settings.phaseCrashRetries,
    onWaiting: ({ eventName, attempt, executionName }) =>
      setStatus(run, {
        ...where,
        waitingFor: eventName,
        attempt,
        ...(executionName !== undefined ? { executionName } : {}),
      }),
    onSettled: () => setStatus(run, where),
  });
  recordStep(run.draft, phase, result.status, startedAt, now(run), {
    ...(burst !== undefined ? { burst } : {}),
    ...(result.status !== 'succeeded' ? { error: result.error } : {}),
    ...(result.crashes.length > 0 ? { crashes: result.crashes } : {}),
  });
  for (const crash of result.crashes)
    run.log.warn(
      `${burst === undefined ? phase : `operate burst ${burst}`}: agent job ${crash.executionName} crashed (${crash.reason}); started again`,
    );
  if (result.status !== 'succeeded')
    run.log.warn(
      `${burst === undefined ? phase : `operate burst ${burst}`}: ${result.status}: ${result.error}`,
    );
  return result;
}

/** 4. The agent deploys the scenario's resources. */
export function* deploy(run: ScenarioRun): Generator<Task, AgentPhaseResult, any> {
  enterStep(run, undefined, 'deploying');
  const result = yield* agentJob(run, 'deploy', run.input.settings.phaseDeadlineMinutes);
  if (result.executionName !== undefined)
    yield* audit(run, 'container_deployed', { executionName: result.executionName, status: result.status });
  return result;
}

/** The scenario's burst offsets in its operations window, seeded by run and scenario (both ways of running bursts). */
export function scenarioBurstOffsets(run: ScenarioRun, windowStartMs: number): number[] {
  const { input } = run;
  const settings = input.settings;
  return burstOffsetsMs({
    windowMinutes: settings.operationsWindowMinutes,
    bursts: settings.operationBursts,
    burstDeadlineMinutes: settings.burstDeadlineMinutes,
    seed: `${input.seed}:${input.scenarioId}`,
    // Absent in runs started before office hours existed, so their replays place the bursts as they did.
    ...(settings.officeHours ? { officeHours: settings.officeHours, windowStartMs } : {}),
  });
}

/**
 * 5. The operation bursts, spread over the operations window by the run seed, run by the burst driver outside this
 * orchestration (triggers/burst-driver.ts): one signal hands it the schedule, one event brings back every burst's
 * record, raced against one deadline timer. So the bursts cost this history a constant few events, whatever their
 * number or the window's length. 'timedOut' when a burst missed its deadline (the later bursts were skipped, and so
 * is the agent's cleanup: the agent may be stuck) or the driver never reported.
 */
export function* operate(run: ScenarioRun): Generator<Task, 'done' | 'timedOut', any> {
  if (!run.input.burstDriver) return yield* operateInline(run);
  const { input, context } = run;
  const settings = input.settings;
  enterStep(run, undefined, 'operating');
  const startedAt = now(run);
  const windowStart = context.df.currentUtcDateTime.getTime();
  const offsets = scenarioBurstOffsets(run, windowStart);
  if (offsets.length === 0) {
    recordStep(run.draft, 'operate', 'succeeded', now(run), now(run));
    return 'done';
  }
  // Only a burst that would start in the run's last minutes is dropped: after ExpiresAt the janitor may remove
  // what the scenario uses. (Deadlines are not subtracted: local mode sets them far above the expiry on purpose.)
  const latestBurstStart = new Date(input.expiresAt).getTime() - VERIFY_RESERVE_MINUTES * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  signalEntity(
    context,
    burstsEntitySignal(context.df.instanceId, {
      type: 'register',
      scenario: run.scenario,
      principal: { appId: run.principal!.appId, secretName: run.principal!.secretName },
      deadlineMinutes: settings.burstDeadlineMinutes,
      crashRetries: Number.isInteger(settings.phaseCrashRetries) ? settings.phaseCrashRetries : 0,
      latestBurstStart: iso(latestBurstStart),
      fireAt: offsets.map((o) => iso(windowStart + o)),
    }),
  );
  setStatus(run, { step: 'operate', phase: 'operate', waitingFor: OPERATIONS_DONE_EVENT });
  // Every burst may run its deadline once per allowed crash; the margin covers the driver's one-minute ticks.
  const lastStart = Math.max(windowStart + offsets[offsets.length - 1]!, windowStart);
  const perBurstMs = settings.burstDeadlineMinutes * 60_000 * (1 + (settings.phaseCrashRetries ?? 0));
  const deadline = context.df.createTimer(new Date(lastStart + perBurstMs + DRIVER_MARGIN_MINUTES * 60_000));
  const done = context.df.waitForExternalEvent(OPERATIONS_DONE_EVENT);
  const winner: Task = yield context.df.Task.any([done, deadline]);
  setStatus(run, { step: 'operate', phase: 'operate' });
  if (winner !== done) {
    signalEntity(context, burstsEntitySignal(context.df.instanceId, { type: 'cancel' }));
    recordStep(run.draft, 'operate', 'timedOut', startedAt, now(run), {
      error: 'the burst driver did not report the operation bursts before their deadline',
    });
    return 'timedOut';
  }
  deadline.cancel();
  const records = ((done.result as OperationsDoneEvent | undefined)?.bursts ?? []).slice(0, offsets.length);
  let timedOut = false;
  for (const b of records) {
    const where = `operate burst ${b.burst}`;
    recordStep(
      run.draft,
      'operate',
      b.status === 'scheduled' || b.status === 'running' ? 'failed' : b.status,
      b.startedAt ?? b.endedAt ?? now(run),
      b.endedAt ?? now(run),
      {
        burst: b.burst,
        ...(b.error !== undefined ? { error: b.error } : {}),
        ...(b.crashes.length > 0 ? { crashes: b.crashes } : {}),
      },
    );
    for (const crash of b.crashes)
      run.log.warn(`${where}: agent job ${crash.executionName} crashed (${crash.reason}); started again`);
    if (b.status !== 'succeeded' && b.status !== 'skipped')
      run.log.warn(`${where}: ${b.status}: ${b.error ?? ''}`);
    if (b.status === 'timedOut') timedOut = true;
  }
  return timedOut ? 'timedOut' : 'done';
}

/** 6. The agent removes what it made (also after a failed deploy: it removes what the deploy got to). */
export function* agentCleanup(run: ScenarioRun): Generator<Task, void, any> {
  enterStep(run, undefined, 'cleaningUp');
  yield* agentJob(run, 'cleanup', run.input.settings.phaseDeadlineMinutes);
}
