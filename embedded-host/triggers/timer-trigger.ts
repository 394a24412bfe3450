import { CronExpressionParser } from 'cron-parser';
import type { HostClock } from '../clock';
import type { FunctionRegistration } from '../functions-core-standin';
import { errorText } from '../../core/error-text';
import { invoke, InvocationDeps } from '../invocation';

/** `%NAME%` in a schedule reads the app setting NAME, as in the Functions host. */
export function resolveSchedule(schedule: string, env: NodeJS.ProcessEnv): string {
  const m = /^%([^%]+)%$/.exec(schedule.trim());
  if (!m) return schedule;
  const value = env[m[1]];
  if (!value) throw new Error(`timer schedule ${schedule} refers to app setting ${m[1]}, which is not set`);
  return value;
}

/** Next occurrence of a six-field NCRONTAB expression (seconds first), in UTC, after `afterMs`. */
export function nextOccurrence(schedule: string, afterMs: number): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(
      `timer schedule "${schedule}" must have six fields (second minute hour day month day-of-week)`,
    );
  return CronExpressionParser.parse(schedule, { currentDate: new Date(afterMs), tz: 'UTC' })
    .next()
    .getTime();
}

/** How long a stopping host waits for timer invocations still running (real milliseconds). */
export const TIMER_DRAIN_MS = 30_000;

/**
 * Runs timer-triggered functions on the host clock, the way the Functions host does:
 * - one invocation of a function at a time. An occurrence that comes due while the previous invocation still runs
 *   fires once it ends, marked past due ("when a function completes after running longer than the specified
 *   interval, the timer immediately invokes the function again", Microsoft Learn, functions-bindings-timer; "another
 *   execution won't be triggered until after the current invocation completes",
 *   https://github.com/Azure/azure-webjobs-sdk-extensions/wiki/TimerTrigger);
 * - stopping drains: no new invocation starts and the running ones are awaited (as drain mode lets executing
 *   functions finish), at most `drainMs`, so a sweep never keeps calling a sandbox that has gone away.
 * Returns the stop function.
 */
export function startTimerTriggers(
  registrations: FunctionRegistration[],
  clock: HostClock,
  deps: InvocationDeps,
  env: NodeJS.ProcessEnv,
  drainMs = TIMER_DRAIN_MS,
): () => Promise<void> {
  const cancels: (() => void)[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const reg of registrations.filter((r) => r.trigger.type === 'timerTrigger')) {
    const schedule = resolveSchedule(String(reg.trigger.schedule), env);
    let last = clock.now();
    let current: Promise<void> | undefined;
    /** The occurrence that came due while `current` ran: it fires when `current` ends. */
    let dueWhileRunning: { at: number; next: number } | undefined;
    const fire = (isPastDue: boolean, at: number, next: number): void => {
      if (stopped) return;
      if (current) {
        dueWhileRunning = { at, next };
        return;
      }
      last = at;
      const invocation = (async () => {
        try {
          await invoke(
            reg,
            {
              isPastDue,
              schedule: { adjustForDST: false },
              scheduleStatus: {
                last: new Date(last).toISOString(),
                next: new Date(next).toISOString(),
                lastUpdated: new Date(clock.now()).toISOString(),
              },
            },
            deps,
          );
        } catch (err) {
          deps.logger('error', `timer function "${reg.name}" failed: ${errorText(err)}`);
        }
      })();
      current = invocation;
      running.add(invocation);
      // Settled either way (a throwing logger included), or the function would never fire again.
      const settled = (): void => {
        running.delete(invocation);
        current = undefined;
        const due = dueWhileRunning;
        dueWhileRunning = undefined;
        if (due) fire(true, due.at, due.next);
      };
      void invocation.then(settled, settled);
    };
    /** The occurrence armed last: the clock may fire a millisecond early, and it must not be armed again. */
    let armedAt = last;
    const arm = (): void => {
      if (stopped) return;
      const at = nextOccurrence(schedule, Math.max(clock.now(), last, armedAt));
      armedAt = at;
      cancels.push(
        clock.schedule(at, () => {
          if (!current) last = at;
          arm();
          fire(false, at, nextOccurrence(schedule, at));
        }),
      );
    };
    // Arm first so the schedule never depends on how long the startup run takes.
    arm();
    if (reg.trigger.runOnStartup) fire(false, clock.now(), nextOccurrence(schedule, clock.now()));
  }
  return async () => {
    stopped = true;
    for (const c of cancels) c();
    if (running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, drainMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...running]), grace]);
    clearTimeout(timer);
    if (running.size > 0)
      deps.logger(
        'error',
        `stopping with ${running.size} timer invocation(s) still running after ${drainMs} ms`,
      );
  };
}
