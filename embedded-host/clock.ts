/**
 * The host's notion of time. Orchestrations see it through OrchestratorStarted timestamps and timers
 * fire on it, so tests can run hours of orchestration time in milliseconds.
 */
export type ClockOptions =
  | { kind: 'real' }
  /** `startAt`: orchestration time at start (default now); the host keeps it past the task hub's latest time. */
  | { kind: 'scaled'; factor: number; startAt?: number }
  | { kind: 'manual'; startAt?: number };

export interface HostClock {
  readonly kind: ClockOptions['kind'];
  now(): number;
  /** Calls `fn` once the clock reaches `atMs`; returns a cancel function. */
  schedule(atMs: number, fn: () => void): () => void;
  /**
   * Manual clock only: waits until the host has settled (nothing runnable), moves time forward, fires every timer
   * that became due, and waits until the host has settled again, so time never runs ahead of the orchestrations.
   */
  advance(ms: number): Promise<void>;
  dispose(): void;
}

// setTimeout overflows above 2^31-1 ms; longer waits re-arm.
const MAX_TIMEOUT_MS = 2_147_483_647;

function wallClock(kind: 'real' | 'scaled', factor: number, startAt?: number): HostClock {
  const realOrigin = Date.now();
  const virtualOrigin = startAt ?? realOrigin;
  const handles = new Set<NodeJS.Timeout>();
  const now = (): number => virtualOrigin + (Date.now() - realOrigin) * factor;
  const schedule = (atMs: number, fn: () => void): (() => void) => {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      const waitMs = Math.min(MAX_TIMEOUT_MS, Math.max(0, (atMs - now()) / factor));
      handle = setTimeout(() => {
        if (handle) handles.delete(handle);
        if (cancelled) return;
        if (now() + 1 < atMs) arm();
        else fn();
      }, waitMs);
      handles.add(handle);
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) {
        clearTimeout(handle);
        handles.delete(handle);
      }
    };
  };
  return {
    kind,
    now,
    schedule,
    advance: async () => {
      throw new Error(
        `advance() needs a manual clock; this host runs a ${kind} clock — start it with clock: { kind: 'manual' }`,
      );
    },
    dispose: () => {
      for (const h of handles) clearTimeout(h);
      handles.clear();
    },
  };
}

/** Resolves once the host has nothing runnable left (set by the host after its engine exists). */
export type Settle = () => Promise<void>;

function manualClock(startAt: number, settle: () => Settle | undefined): HostClock {
  let current = startAt;
  let seq = 0;
  const pending = new Map<number, { atMs: number; fn: () => void }>();
  return {
    kind: 'manual',
    now: () => current,
    schedule: (atMs, fn) => {
      const id = seq++;
      pending.set(id, { atMs, fn });
      if (atMs <= current) queueMicrotask(() => fireDue());
      return () => pending.delete(id);
    },
    advance: async (ms) => {
      await settle()?.();
      current += ms;
      fireDue();
      // Let the engine pick up what fired before the caller looks.
      await new Promise((resolve) => setImmediate(resolve));
      await settle()?.();
    },
    dispose: () => pending.clear(),
  };
  function fireDue(): void {
    const due = [...pending.entries()]
      .filter(([, t]) => t.atMs <= current)
      .sort((a, b) => a[1].atMs - b[1].atMs);
    for (const [id, t] of due) {
      pending.delete(id);
      t.fn();
    }
  }
}

export function createClock(
  options: ClockOptions = { kind: 'real' },
  settle: () => Settle | undefined = () => undefined,
): HostClock {
  switch (options.kind) {
    case 'real':
      return wallClock('real', 1);
    case 'scaled':
      if (!(options.factor > 0)) throw new Error(`scaled clock needs a factor > 0, got ${options.factor}`);
      return wallClock('scaled', options.factor, options.startAt);
    case 'manual':
      return manualClock(options.startAt ?? Date.parse('2026-01-01T00:00:00Z'), settle);
  }
}
