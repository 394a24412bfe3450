// The embedded host runs a timer function as the Functions host does: one invocation at a time (an occurrence due
// while one runs fires once it ends, past due), and a stopping host lets the running invocation finish before the
// services it calls go away (the terminated-run e2e once waited 150 s on a janitor sweep retrying a stopped sandbox).
import * as functionsModule from '@azure/functions';
import type { HostClock } from '../../embedded-host/clock';
import type { FunctionRegistration } from '../../embedded-host/functions-core-standin';
import { startTimerTriggers } from '../../embedded-host/triggers/timer-trigger';

/** A clock moved by hand: `advance` fires what became due, in order. */
function handClock(startAt: number): HostClock & { fireDue(toMs: number): void } {
  let now = startAt;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    kind: 'manual',
    now: () => now,
    schedule(at, fn) {
      const t = { at, fn, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    advance: () => Promise.reject(new Error('not used')),
    dispose: () => undefined,
    fireDue(toMs) {
      now = toMs;
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) return;
        due.cancelled = true;
        due.fn();
      }
    },
  };
}

function timerFunction(handler: FunctionRegistration['handler']): FunctionRegistration {
  const trigger = { name: 'timer', type: 'timerTrigger', direction: 'in', schedule: '0 * * * * *' };
  return { name: 'sweep', bindings: { timer: trigger } as never, trigger: trigger as never, handler };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise<void>((r) => setImmediate(r));
const start = Date.parse('2026-12-07T00:00:30Z');

describe('embedded host timer triggers', () => {
  it('never overlaps a function with itself: an occurrence due while it runs fires once, past due, when it ends', async () => {
    const clock = handClock(start);
    const calls: { isPastDue: boolean }[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const logs: string[] = [];
    const stop = startTimerTriggers(
      [
        timerFunction((input) => {
          calls.push(input as { isPastDue: boolean });
          const gate = deferred();
          gates.push(gate);
          return gate.promise;
        }),
      ],
      clock,
      { functionsModule, clientData: () => ({}), logger: (_l, m) => logs.push(m) },
      {},
    );
    clock.fireDue(start + 30_000); // 00:01:00
    expect(calls).toHaveLength(1);
    clock.fireDue(start + 90_000); // 00:02:00, the first still runs
    clock.fireDue(start + 150_000); // 00:03:00, still runs: the two coalesce into one
    await flush();
    expect(calls).toHaveLength(1);
    gates[0].resolve();
    await flush();
    await flush();
    expect(calls.map((c) => c.isPastDue)).toEqual([false, true]);
    gates[1].resolve();
    await stop();
    expect(logs).toEqual([]);
  });

  it('stops by letting the running invocation finish, and starts none after', async () => {
    const clock = handClock(start);
    const gate = deferred();
    let finished = false;
    let calls = 0;
    const stop = startTimerTriggers(
      [
        timerFunction(async () => {
          calls++;
          await gate.promise;
          finished = true;
        }),
      ],
      clock,
      { functionsModule, clientData: () => ({}), logger: () => undefined },
      {},
    );
    clock.fireDue(start + 30_000);
    // An occurrence due while it runs is queued; the stopping host must not start it.
    clock.fireDue(start + 90_000);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    clock.fireDue(start + 150_000);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(calls).toBe(1);
  });

  it('gives up waiting after the drain bound and says so', async () => {
    const clock = handClock(start);
    const logs: string[] = [];
    const stop = startTimerTriggers(
      [timerFunction(() => new Promise(() => undefined))],
      clock,
      { functionsModule, clientData: () => ({}), logger: (level, m) => logs.push(`${level} ${m}`) },
      {},
      10,
    );
    clock.fireDue(start + 30_000);
    await stop();
    expect(logs).toEqual(['error stopping with 1 timer invocation(s) still running after 10 ms']);
  });
});
