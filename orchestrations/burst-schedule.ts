// Where the K operation bursts fall in the operations window: one per equal slot, jittered within the slot by the
// run seed so scenarios do not act in lock-step, and early enough in the slot that a burst's deadline ends
// before the next slot begins. Pure and deterministic: the orchestrator recomputes it on every replay.
import { seededRandom } from '../core/random';

export interface BurstScheduleOptions {
  windowMinutes: number;
  bursts: number;
  burstDeadlineMinutes: number;
  /** Run seed plus scenario id, so each scenario gets its own jitter. */
  seed: string;
}

/** Offsets in milliseconds from the start of the operations window, ascending, whole seconds. */
export function burstOffsetsMs(options: BurstScheduleOptions): number[] {
  const count = Math.max(0, Math.floor(options.bursts));
  if (count === 0) return [];
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
