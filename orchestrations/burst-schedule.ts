// Where the K operation bursts fall in the operations window. Without an office-hours profile: one per equal slot,
// jittered within the slot by the run seed so scenarios do not act in lock-step, and early enough in the slot that a
// burst's deadline ends before the next slot begins. With a profile: slots of equal *activity* instead of equal time
// (busy hours of working days weigh more, core/office-hours), so bursts crowd into office hours, then spaced so each
// burst's deadline still ends before the next one starts. Pure and deterministic: recomputed on every replay.
import { activityWeight, type OfficeHours } from '../core/office-hours';
import { seededRandom } from '../core/random';

export interface BurstScheduleOptions {
  windowMinutes: number;
  bursts: number;
  burstDeadlineMinutes: number;
  /** Run seed plus scenario id, so each scenario gets its own jitter. */
  seed: string;
  /** Places the bursts by local activity; needs windowStartMs. */
  officeHours?: OfficeHours;
  /** UTC start of the operations window (the orchestration clock), for the office-hours profile. */
  windowStartMs?: number;
}

/** The profile weighs the window in quarter hours: time zone offsets are whole quarter hours. */
const BUCKET_MS = 15 * 60_000;

/** Offsets in milliseconds from the start of the operations window, ascending, whole seconds. */
export function burstOffsetsMs(options: BurstScheduleOptions): number[] {
  const count = Math.max(0, Math.floor(options.bursts));
  if (count === 0) return [];
  if (options.officeHours && options.windowStartMs !== undefined)
    return officeHoursOffsets(options, count, options.officeHours, options.windowStartMs);
  const windowMs = options.windowMinutes * 60_000;
  const slotMs = windowMs / count;
  const jitterRoomMs = Math.max(0, slotMs - options.burstDeadlineMinutes * 60_000);
  const random = seededRandom(`${options.seed}:bursts`);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    offsets.push(Math.floor((i * slotMs + random() * jitterRoomMs) / 1000) * 1000);
  }
  return offsets;
}

function officeHoursOffsets(
  options: BurstScheduleOptions,
  count: number,
  profile: OfficeHours,
  windowStartMs: number,
): number[] {
  const windowMs = options.windowMinutes * 60_000;
  const deadlineMs = options.burstDeadlineMinutes * 60_000;
  const buckets: { start: number; length: number; weight: number }[] = [];
  for (let start = 0; start < windowMs; start += BUCKET_MS) {
    const length = Math.min(BUCKET_MS, windowMs - start);
    buckets.push({ start, length, weight: activityWeight(windowStartMs + start, profile) * length });
  }
  const total = buckets.reduce((sum, b) => sum + b.weight, 0);
  const random = seededRandom(`${options.seed}:bursts:office-hours`);
  const offsets: number[] = [];
  let bucket = 0;
  let before = 0; // weight of the buckets before `bucket`
  for (let i = 0; i < count; i++) {
    // One burst per equal share of the window's activity, jittered within its share.
    const target = ((i + random()) / count) * total;
    while (bucket < buckets.length - 1 && before + buckets[bucket]!.weight <= target) {
      before += buckets[bucket]!.weight;
      bucket++;
    }
    const b = buckets[bucket]!;
    offsets.push(b.start + ((target - before) / b.weight) * b.length);
  }
  return spaced(offsets, windowMs, deadlineMs).map((o) => Math.floor(o / 1000) * 1000);
}

/** Moves bursts apart so each deadline ends before the next burst, inside the window where the window allows. */
function spaced(offsets: number[], windowMs: number, deadlineMs: number): number[] {
  const out = offsets.slice();
  for (let i = 1; i < out.length; i++) out[i] = Math.max(out[i]!, out[i - 1]! + deadlineMs);
  let latest = windowMs - deadlineMs;
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Math.max(0, Math.min(out[i]!, latest));
    latest = out[i]! - deadlineMs;
  }
  return out;
}
