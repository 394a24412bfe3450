// A clock for the sandbox that runs with real time but can be moved ahead at once: lags and expiries then pass
// in one step instead of a wall-clock sleep, and can be set long enough that a loaded machine never outruns them.
export interface SkewedClock {
  now(): number;
  /** Moves the clock `ms` ahead of real time (cumulative). */
  advance(ms: number): void;
}

export function skewedClock(): SkewedClock {
  let skew = 0;
  return {
    now: () => Date.now() + skew,
    advance: (ms) => {
      skew += ms;
    },
  };
}
