import { EventType } from './history';
import type { EntityRecord, OrchestrationRecord } from './records';

/** A fan-out's results usually come within a few ms of each other. */
export const GATHER_STEP_MS = 5;
/** From this many events, one replay costs more than waiting for the other instances to settle. */
export const LONG_HISTORY = 500;
/** The longest an episode is put off: results still flow, only later and in fewer replays. */
export const MAX_GATHER_MS = 2_000;
/** Operations one entity batch takes at most. */
export const ENTITY_BATCH = 100;
/**
 * From this much state (characters of JSON), every entity batch costs a put of the whole state: a run entity's
 * ledger of 1,000 scenarios is ~220 KB, and taking ~10 operations per batch made it 85% of an s1000 run's log.
 */
export const LARGE_ENTITY_STATE = 16_384;
/** The longest an entity batch is put off (callers of the entity wait that much longer for its answer). */
export const MAX_ENTITY_GATHER_MS = 500;

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

/** Whether the next batch of `record` should wait for more operations: its state is large and the batch not full. */
export function entityWorthGathering(record: EntityRecord): boolean {
  return (record.state?.length ?? 0) >= LARGE_ENTITY_STATE && record.inbox.length < ENTITY_BATCH;
}

/**
 * Lets operations gather so one batch (and one put of the entity's whole state) takes many of them. Waits while
 * other instances run episodes (they send the operations) and the batch is not full, up to MAX_ENTITY_GATHER_MS.
 * The operations and their order are unchanged: only the batches are fewer and larger.
 */
export async function gatherOperations(record: EntityRecord, deps: GatherDeps): Promise<void> {
  const deadline = Date.now() + MAX_ENTITY_GATHER_MS;
  while (
    !deps.stopped() &&
    deps.othersActive() &&
    record.inbox.length < ENTITY_BATCH &&
    Date.now() < deadline
  )
    await delay(GATHER_STEP_MS);
}
