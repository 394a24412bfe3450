import { randomUUID } from 'node:crypto';
import type { Dispatcher } from './dispatcher';
import { runEntityBatch } from './entity-batch';
import { runEpisode } from './episode';
import type { EpisodeFaults } from './episode-faults';
import { gatherResults, worthGathering, type GatherDeps } from './gather';
import { EventType, HistoryEvent } from './history';
import type { InstanceTable } from './instance-table';
import { finish } from './instance-lifecycle';
import type { MessageRouter } from './message-router';
import { EntityRecord, InboxEntry, OrchestrationRecord, terminalStatuses } from './records';

export interface SchedulerDeps {
  table: InstanceTable;
  invokeOrchestrator(name: string, triggerInput: unknown): Promise<unknown>;
  invokeEntity(name: string, triggerInput: unknown): Promise<unknown>;
  entityFunctionName(lowerName: string): string | undefined;
  /** ReplaySchema as the SDK numbers it: 1 = V2, 2 = V3. */
  upperSchemaVersion: number;
  faults: EpisodeFaults;
  log(message: string): void;
}

/**
 * Runs each instance's inbox, one episode (or entity batch) at a time per instance: replay, persist, and only then
 * start what the episode asked for (activities, timers, messages) — so nothing outside ever acts on a decision the
 * task hub could lose. Other instances run meanwhile, and their writes share the same log batch.
 */
export class Scheduler {
  private readonly busy = new Set<string>();
  private rekicks = 0;
  private readonly draining = new Set<Promise<unknown>>();
  private stopped = false;
  private dispatcher!: Dispatcher;
  private router!: MessageRouter;

  private readonly gathering = new Set<string>();
  // Activities do not count: one may wait for the (manual) clock, which waits for this episode to settle.
  private readonly gatherDeps: GatherDeps = {
    othersActive: () => this.busy.size > this.gathering.size,
    stopped: () => this.stopped,
  };

  constructor(private readonly deps: SchedulerDeps) {}

  connect(dispatcher: Dispatcher, router: MessageRouter): void {
    this.dispatcher = dispatcher;
    this.router = router;
  }

  isBusy(instanceId: string): boolean {
    return this.busy.has(instanceId);
  }

  /** Nothing runs and nothing is queued to run (a stopped scheduler counts as idle). */
  isIdle(): boolean {
    return this.stopped || (this.busy.size === 0 && this.rekicks === 0);
  }

  /** Looks at an instance: if it has work and nothing runs on it, runs its inbox. */
  kick(instanceId: string): void {
    if (this.stopped || this.busy.has(instanceId)) return;
    const record = this.deps.table.records.get(instanceId);
    if (!record || record.inbox.length === 0) return;
    if (record.kind === 'orchestration') {
      if (terminalStatuses.has(record.status)) return;
      if (record.status === 'Suspended' && !record.inbox.some(isTermination)) return;
    }
    this.busy.add(instanceId);
    const run = (record.kind === 'orchestration' ? this.drainOrchestration(record) : this.drainEntity(record))
      .catch((err: unknown) =>
        this.deps.log(`instance ${instanceId}: engine error ${(err as Error).stack ?? String(err)}`),
      )
      .finally(() => {
        this.busy.delete(instanceId);
        this.draining.delete(run);
        this.rekicks += 1;
        setImmediate(() => {
          this.rekicks -= 1;
          this.kick(instanceId);
        });
      });
    this.draining.add(run);
  }

  /** A finished activity or fired timer: into the inbox (in memory; a lost one is redone after a restart). */
  readonly complete = (record: OrchestrationRecord, event: HistoryEvent, retry: boolean): void => {
    // After a restart a persisted completion and the rerun of the same activity can both arrive.
    const taskId = event.TaskScheduledId;
    if (
      taskId !== undefined &&
      record.inbox.some((e) => isTaskResult(e) && e.event.TaskScheduledId === taskId)
    )
      return;
    record.inbox.push({ event, retry: retry || undefined });
    this.kick(record.instanceId);
  };

  /** Ends the instance as Terminated and tells its parent; resolves once that is durable. */
  async terminateNow(record: OrchestrationRecord, reason: string): Promise<void> {
    record.inbox = [];
    finish(record, 'Terminated', reason, this.deps.table.now());
    this.dispatcher.cancelTimersOf(record.instanceId);
    await this.deps.table.persist(record);
    this.send(record);
    this.deps.table.notify(record.instanceId);
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    const deadline = Date.now() + graceMs;
    while (this.draining.size > 0 && Date.now() < deadline)
      await Promise.race([...this.draining, new Promise((r) => setTimeout(r, 50))]);
  }

  private async drainOrchestration(record: OrchestrationRecord): Promise<void> {
    const { table } = this.deps;
    const isCurrent = (): boolean => table.records.get(record.instanceId) === record;
    let gathered = false;
    while (!this.stopped && record.inbox.length > 0 && isCurrent()) {
      if (terminalStatuses.has(record.status)) return;
      const termination = record.inbox.find(isTermination);
      if (termination) {
        await this.terminateNow(record, String(termination.event.Input ?? ''));
        return;
      }
      if (record.status === 'Suspended') return;
      if (!gathered && worthGathering(record)) {
        this.gathering.add(record.instanceId);
        await gatherResults(record, this.gatherDeps).finally(() => this.gathering.delete(record.instanceId));
        gathered = true;
        continue; // what arrived meanwhile may be a termination
      }
      gathered = false;
      const batch = takeBatch(record.inbox);
      const fault = this.deps.faults.faultFor(record, batch);
      const created = await runEpisode(record, batch, {
        now: table.now(),
        upperSchemaVersion: this.deps.upperSchemaVersion,
        invokeOrchestrator: (name, input) =>
          fault === undefined ? this.deps.invokeOrchestrator(name, input) : Promise.reject(new Error(fault)),
        newGuid: () => randomUUID(),
      });
      if (!isCurrent()) return; // purged meanwhile
      await table.persist(record);
      if (!isCurrent()) return;
      const ended = terminalStatuses.has(record.status);
      if (ended) this.dispatcher.cancelTimersOf(record.instanceId);
      for (const o of created) this.dispatcher.dispatch(record, o);
      this.send(record);
      if (ended) table.notify(record.instanceId);
    }
  }

  private async drainEntity(record: EntityRecord): Promise<void> {
    while (!this.stopped && record.inbox.length > 0) {
      const batch = record.inbox.slice(0, ENTITY_BATCH);
      const functionName = this.deps.entityFunctionName(record.name);
      if (functionName) {
        await runEntityBatch(
          record,
          batch,
          (input) => this.deps.invokeEntity(functionName, input),
          this.deps.table.now(),
        );
      } else {
        this.deps.log(
          `entity ${record.instanceId}: no entity function named "${record.name}" is registered; dropping ${batch.length} operation(s)`,
        );
      }
      record.inbox = record.inbox.slice(batch.length);
      await this.deps.table.persist(record);
      this.send(record);
    }
  }

  /** Delivers the outbox; a receiver's journal write failing is the task hub failing, which the log reports. */
  private send(record: OrchestrationRecord | EntityRecord): void {
    this.router
      .sendOutbox(record)
      .catch((err: unknown) =>
        this.deps.log(
          `instance ${record.instanceId}: sending its messages failed: ${(err as Error).message}`,
        ),
      );
  }
}

const ENTITY_BATCH = 100;

const isTermination = (e: InboxEntry): boolean => e.event.EventType === EventType.ExecutionTerminated;
const isTaskResult = (e: InboxEntry): boolean =>
  e.event.EventType === EventType.TaskCompleted || e.event.EventType === EventType.TaskFailed;

/**
 * Events that move a retry along go alone into an episode: the SDK hands out the retry's task ids
 * while it processes them, so the host can only number them when nothing else happens at once.
 */
function takeBatch(inbox: InboxEntry[]): InboxEntry[] {
  if (inbox[0]?.retry) return inbox.slice(0, 1);
  const stop = inbox.findIndex((e) => e.retry);
  return inbox.slice(0, stop < 0 ? inbox.length : stop);
}
