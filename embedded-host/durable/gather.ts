import { EventType } from './history';
import type { OrchestrationRecord } from './records';

/** A fan-out's results usually come within a few ms of each other. */
export const GATHER_STEP_MS = 5;
/** From this many events, one replay costs more than waiting for the other instances to settle. */
export const LONG_HISTORY = 500;
/** The longest an episode is put off: results still flow, only later and in fewer replays. */
export const MAX_GATHER_MS = 2_000;

export interface GatherDeps {
  /** Other instances are running episodes (not gathering themselves): more results may be on their way. */
  othersActive(): boolean;
  stopped(): boolean;
}

/**
 * Whether the next episode of `record` should wait for more results: it waits on activities or sub-orchestrations
 * (timers fire on their own time) and at least two of them have not reported yet.
 */
export function worthGathering(record: OrchestrationRecord): boolean {
  if (record.inbox[0]?.retry) return false;
  return awaited(record) > record.inbox.length + 1;
}

/**
 * Lets results gather so one episode takes many of them. Replay is the expensive part and it grows with the
 * history: a run with a thousand scenarios replays thousands of events per episode, and taking its children's
 * results one or two at a time made the run's replays quadratic in the number of scenarios. Every history waits
 * one step; a long one keeps waiting while the rest of the host is busy (those are the results it waits for), up
 * to MAX_GATHER_MS. Order and content of events are unchanged: the episode only takes more of them at once.
 */
export async function gatherResults(record: OrchestrationRecord, deps: GatherDeps): Promise<void> {
  await delay(GATHER_STEP_MS);
  if (record.history.length < LONG_HISTORY) return;
  const deadline = Date.now() + MAX_GATHER_MS;
  while (
    !deps.stopped() &&
    deps.othersActive() &&
    awaited(record) > record.inbox.length &&
    !record.inbox.some((e) => e.event.EventType === EventType.ExecutionTerminated) &&
    Date.now() < deadline
  )
    await delay(GATHER_STEP_MS);
}

function awaited(record: OrchestrationRecord): number {
  let n = 0;
  for (const o of record.outstanding) if (o.kind !== 'timer') n += 1;
  return n;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
