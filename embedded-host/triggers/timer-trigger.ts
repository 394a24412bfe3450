import { CronExpressionParser } from 'cron-parser';
import type { HostClock } from '../clock';
import type { FunctionRegistration } from '../functions-core-standin';
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

/** Runs timer-triggered functions on the host clock; returns a stop function. */
export function startTimerTriggers(
  registrations: FunctionRegistration[],
  clock: HostClock,
  deps: InvocationDeps,
  env: NodeJS.ProcessEnv,
): () => void {
  const cancels: (() => void)[] = [];
  let stopped = false;
  for (const reg of registrations.filter((r) => r.trigger.type === 'timerTrigger')) {
    const schedule = resolveSchedule(String(reg.trigger.schedule), env);
    let last = clock.now();
    const fire = async (isPastDue: boolean, next: number): Promise<void> => {
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
        deps.logger('error', `timer function "${reg.name}" failed: ${(err as Error).message}`);
      }
    };
    const arm = (): void => {
      if (stopped) return;
      const at = nextOccurrence(schedule, Math.max(clock.now(), last));
      cancels.push(
        clock.schedule(at, () => {
          last = at;
          arm();
          void fire(false, nextOccurrence(schedule, at));
        }),
      );
    };
    // Arm first so the schedule never depends on how long the startup run takes.
    arm();
    if (reg.trigger.runOnStartup) void fire(false, nextOccurrence(schedule, clock.now()));
  }
  return () => {
    stopped = true;
    for (const c of cancels) c();
  };
}
