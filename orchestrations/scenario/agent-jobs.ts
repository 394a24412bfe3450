// The steps the agent does: deploy, the operation bursts over the operations window, and its own cleanup. Each agent
// job is started and then raced against its deadline (agent-phase.ts); the outcome records every job.
import type { Task } from 'durable-functions';
import type { Phase } from '../../core/events';
import { runAgentPhase, type AgentPhaseResult } from '../agent-phase';
import { burstOffsetsMs } from '../burst-schedule';
import { recordStep } from '../outcome';
import { audit, enterStep, now, setStatus, type ScenarioRun } from './scenario-run';

/** Time kept free before ExpiresAt for cleanup, verification and principal deletion. */
const VERIFY_RESERVE_MINUTES = 30;

/** One agent job (a phase or a burst), its completion event raced against its deadline, recorded in the outcome. */
function* agentJob(
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

/**
 * 5. The operation bursts, spread over the operations window by the run seed. 'timedOut' when a burst missed its
 * deadline: the later bursts are skipped, and so is the agent's cleanup (the agent may be stuck).
 */
export function* operate(run: ScenarioRun): Generator<Task, 'done' | 'timedOut', any> {
  const { input, context } = run;
  const settings = input.settings;
  const clock = () => context.df.currentUtcDateTime.getTime();
  enterStep(run, undefined, 'operating');
  const windowStart = clock();
  const offsets = burstOffsetsMs({
    windowMinutes: settings.operationsWindowMinutes,
    bursts: settings.operationBursts,
    burstDeadlineMinutes: settings.burstDeadlineMinutes,
    seed: `${input.seed}:${input.scenarioId}`,
    // Absent in runs started before office hours existed, so their replays place the bursts as they did.
    ...(settings.officeHours ? { officeHours: settings.officeHours, windowStartMs: windowStart } : {}),
  });
  // Only a burst that would start in the run's last minutes is dropped: after ExpiresAt the janitor may remove
  // what the scenario uses. (Deadlines are not subtracted: local mode sets them far above the expiry on purpose.)
  const latestBurstStart = new Date(input.expiresAt).getTime() - VERIFY_RESERVE_MINUTES * 60_000;
  for (let burst = 0; burst < offsets.length; burst++) {
    const fireAt = Math.max(windowStart + offsets[burst]!, clock());
    if (fireAt > latestBurstStart) {
      recordStep(run.draft, 'operate', 'skipped', now(run), now(run), {
        burst,
        error: 'no time left before the run expires',
      });
      continue;
    }
    setStatus(run, { step: 'operate', phase: 'operate', burst });
    if (fireAt > clock()) yield context.df.createTimer(new Date(fireAt));
    const result = yield* agentJob(run, 'operate', settings.burstDeadlineMinutes, burst);
    if (result.status === 'timedOut') {
      for (let rest = burst + 1; rest < offsets.length; rest++)
        recordStep(run.draft, 'operate', 'skipped', now(run), now(run), { burst: rest });
      return 'timedOut';
    }
  }
  if (offsets.length === 0) recordStep(run.draft, 'operate', 'succeeded', now(run), now(run));
  return 'done';
}

/** 6. The agent removes what it made (also after a failed deploy: it removes what the deploy got to). */
export function* agentCleanup(run: ScenarioRun): Generator<Task, void, any> {
  enterStep(run, undefined, 'cleaningUp');
  yield* agentJob(run, 'cleanup', run.input.settings.phaseDeadlineMinutes);
}
