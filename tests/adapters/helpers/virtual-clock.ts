// One manual clock for the sandbox, the pacer and the code under test: time moves only when someone waits, to the
// end of the longest wait asked for, so seconds of throttling cost no wall time and every party sees the same time.
export interface VirtualClock {
  now(): number;
  date(): Date;
  sleep(ms: number): Promise<void>;
}

export function virtualClock(start = Date.parse('2026-01-01T00:00:00.000Z')): VirtualClock {
  let now = start;
  return {
    now: () => now,
    date: () => new Date(now),
    sleep: async (ms) => {
      const target = now + Math.max(0, ms);
      // Sleepers that started together wake together, at the latest of their ends.
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, target);
    },
  };
}

/** Resolves once `condition` holds (an event, not a timing: the deadline only stops a test that would hang). */
export async function until(condition: () => boolean, deadlineMs = 30_000): Promise<void> {
  const give = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > give) throw new Error(`condition not met within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
