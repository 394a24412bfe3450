// Local weekday and hour of a UTC instant in a time zone, and the activity weight the office-hours profile gives it.
// Pure: Intl reads no clock here, only the instant it is given, so orchestrations may call it on replay.
import { OFFICE_HOURS_WEIGHTS, WEEKDAYS, type OfficeHours, type Weekday } from './profile';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localWeekdayAndHour(utcMs: number, timeZone: string): { weekday: Weekday; hour: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const weekday = parts.find((p) => p.type === 'weekday')?.value as Weekday | undefined;
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  if (!weekday || !WEEKDAYS.includes(weekday) || !Number.isInteger(hour))
    throw new Error(`cannot read the local time of ${new Date(utcMs).toISOString()} in ${timeZone}`);
  return { weekday, hour };
}

/** Relative activity at a UTC instant: busy hours of working days, other hours of working days, rest days. */
export function activityWeight(utcMs: number, profile: OfficeHours): number {
  const { weekday, hour } = localWeekdayAndHour(utcMs, profile.timeZone);
  if (!profile.workingDays.includes(weekday)) return OFFICE_HOURS_WEIGHTS.restDay;
  return hour >= profile.busyFrom && hour < profile.busyTo
    ? OFFICE_HOURS_WEIGHTS.busy
    : OFFICE_HOURS_WEIGHTS.workingDay;
}
