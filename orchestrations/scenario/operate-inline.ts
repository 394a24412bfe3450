// The operation bursts as instances started before the burst driver ran them (ScenarioOrchestrationInput.burstDriver
// absent): each burst a timer and an agent job in the scenario's own history. Kept unchanged so that their histories
// replay; new instances use operate() in agent-jobs.ts.
import type { Task } from 'durable-functions';
import { recordStep } from '../outcome';
import { agentJob, scenarioBurstOffsets, VERIFY_RESERVE_MINUTES } from './agent-jobs';
import { enterStep, now, setStatus, type ScenarioRun } from './scenario-run';

/**
 * 5 (instances started before the burst driver). The operation bursts, each its own timer and agent job in this
 * orchestration's history; kept so that those instances replay as they ran. 'timedOut' when a burst missed its
 * deadline: the later bursts are skipped, and so is the agent's cleanup (the agent may be stuck).
 */
export function* operateInline(run: ScenarioRun): Generator<Task, 'done' | 'timedOut', any> {
  const { input, context } = run;
  const settings = input.settings;
  const clock = () => context.df.currentUtcDateTime.getTime();
  enterStep(run, undefined, 'operating');
  const windowStart = clock();
  const offsets = scenarioBurstOffsets(run, windowStart);
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
