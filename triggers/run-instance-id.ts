// Deterministic run ids for scheduled runs: a double fire of the same schedule slot computes the same id, so it
// cannot start a second run. The id starts with a hash so its first 8 characters (the run short name that goes
// into resource names) differ between runs of the same day.
import { CronExpressionParser } from 'cron-parser';
import { hashSeed } from '../core/random';

const compactIso = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export function scheduledRunInstanceId(slot: Date): string {
  const stamp = compactIso(slot);
  return `${hashSeed(`haymaker-schedule:${stamp}`).toString(16).padStart(8, '0')}-${stamp}`;
}

/**
 * Run id for a run started on demand (API, CLI): the start time plus a caller-supplied nonce (a request id), so
 * two requests in the same second still get different run short names.
 */
export function onDemandRunInstanceId(now: Date, nonce: string): string {
  const stamp = compactIso(now);
  return `${hashSeed(`haymaker-on-demand:${stamp}:${nonce}`).toString(16).padStart(8, '0')}-${stamp}`;
}

/**
 * The schedule slot a timer invocation belongs to: the occurrence just before `next` when the host reports it
 * (both the Functions host and the embedded host do), otherwise the latest occurrence not after `now`.
 */
export function scheduleSlot(cron: string, now: Date, next?: string): Date {
  const nextAt = next ? Date.parse(next) : NaN;
  const reference = Number.isFinite(nextAt) ? new Date(nextAt) : new Date(now.getTime() + 1000);
  return CronExpressionParser.parse(cron, { currentDate: reference, tz: 'UTC' }).prev().toDate();
}

export function nextOccurrenceAfter(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}
