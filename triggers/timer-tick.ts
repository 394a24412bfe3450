// The time a timer-triggered function acts on. Azure invokes it at its occurrence, so the wall clock is that time,
// and its schedule status only holds times already past ("Last", "LastUpdated"; "Next" is the occurrence being
// invoked: https://learn.microsoft.com/en-us/answers/questions/1459140). The embedded host fires timers on its own
// clock, scaled or manual, on which orchestrations place their timers, and stamps that clock into the schedule status;
// the wall clock is then hours behind the times the orchestrations computed. The later of the two is right in both.
import type { Timer } from '@azure/functions';

export function tickTime(timer: Partial<Pick<Timer, 'scheduleStatus'>> | undefined, wall: Date): Date {
  const status = timer?.scheduleStatus;
  const stamps = [status?.last, status?.lastUpdated]
    .map((s) => (typeof s === 'string' ? Date.parse(s) : NaN))
    .filter((ms) => Number.isFinite(ms));
  return new Date(Math.max(wall.getTime(), ...stamps));
}
