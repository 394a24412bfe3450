// The busy hours of the run's office-hours profile as bands across the report's timeline (percent of its span), so
// a reader sees the bursts crowd into them. Quarter-hour resolution: time zone offsets are whole quarter hours.
import { activityWeight, OFFICE_HOURS_WEIGHTS, type OfficeHours } from '../core/office-hours';

const QUARTER_HOUR_MS = 15 * 60_000;

export interface Band {
  leftPercent: number;
  widthPercent: number;
}

export function busyBands(profile: OfficeHours, startMs: number, spanMs: number): Band[] {
  const bands: Band[] = [];
  let open: number | undefined;
  const close = (at: number) => {
    if (open === undefined) return;
    bands.push({
      leftPercent: ((open - startMs) / spanMs) * 100,
      widthPercent: ((at - open) / spanMs) * 100,
    });
    open = undefined;
  };
  // Walk quarter-hour boundaries of UTC, which are quarter-hour boundaries in every zone.
  const first = Math.floor(startMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  for (let t = first; t < startMs + spanMs; t += QUARTER_HOUR_MS) {
    const busy = activityWeight(t, profile) === OFFICE_HOURS_WEIGHTS.busy;
    if (busy && open === undefined) open = Math.max(t, startMs);
    if (!busy) close(t);
  }
  close(startMs + spanMs);
  return bands;
}

export function describeOfficeHours(profile: OfficeHours): string {
  const days = profile.workingDays.join(', ');
  const hh = (h: number) => String(h).padStart(2, '0');
  return `${profile.timeZone}, busy ${hh(profile.busyFrom)}:00–${hh(profile.busyTo)}:00 on ${days}`;
}
