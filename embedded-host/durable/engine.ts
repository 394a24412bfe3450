import type { HostClock } from '../clock';
import { Dispatcher } from './dispatcher';
import { EpisodeFaults } from './episode-faults';
import { InstanceTable } from './instance-table';
import { ManagementApi } from './management';
import { MessageRouter } from './message-router';
import { InstanceRecord, OutboxMessage, terminalStatuses } from './records';
import { Scheduler } from './scheduler';
import type { TaskHubStore } from './storage/task-hub-store';

export { EngineError, type InstanceQuery, type ManagementApi } from './management';
export type { EpisodeFault } from './episode-faults';

export interface EngineInvokers {
  orchestrator(name: string, triggerInput: unknown): Promise<unknown>;
  activity(name: string, input: unknown): Promise<unknown>;
  entity(name: string, triggerInput: unknown): Promise<unknown>;
  hasOrchestrator(name: string): boolean;
  entityFunctionName(lowerName: string): string | undefined;
}

export interface EngineOptions {
  store: TaskHubStore;
  clock: HostClock;
  invokers: EngineInvokers;
  activityConcurrency: number;
  /** ReplaySchema as the SDK numbers it: 1 = V2, 2 = V3 (default). */
  upperSchemaVersion: number;
  log: (message: string) => void;
}

/**
 * The durable engine, wired from its parts: the instance table (records and their persistence), the scheduler
 * (episodes and entity batches), the dispatcher (activities and timers), the message router (messages between
 * instances), the management API, and the episode-fault test hook.
 */
export class DurableEngine {
  readonly management: ManagementApi;
  readonly faults = new EpisodeFaults();
  private readonly table: InstanceTable;
  private readonly scheduler: Scheduler;
  private readonly dispatcher: Dispatcher;
  private readonly router: MessageRouter;

  private readonly store: TaskHubStore;

  constructor(options: EngineOptions) {
    const { invokers, log } = options;
    this.store = options.store;
    this.table = new InstanceTable(options.store, options.clock);
    this.scheduler = new Scheduler({
      table: this.table,
      invokeOrchestrator: invokers.orchestrator,
      invokeEntity: invokers.entity,
      entityFunctionName: invokers.entityFunctionName,
      upperSchemaVersion: options.upperSchemaVersion,
      faults: this.faults,
      log,
    });
    this.dispatcher = new Dispatcher(
      this.table,
      options.clock,
      invokers.activity,
      this.scheduler.complete,
      options.activityConcurrency,
    );
    this.router = new MessageRouter({
      table: this.table,
      hasOrchestrator: invokers.hasOrchestrator,
      wake: (id) => this.scheduler.kick(id),
      cancelTimersOf: (id) => this.dispatcher.cancelTimersOf(id),
      log,
    });
    this.scheduler.connect(this.dispatcher, this.router);
    this.management = new ManagementApi({
      table: this.table,
      scheduler: this.scheduler,
      dispatcher: this.dispatcher,
      router: this.router,
      hasOrchestrator: invokers.hasOrchestrator,
    });
  }

  /**
   * Resumes a loaded task hub: messages no receiver had applied are applied (the log holds them already), outboxes
   * are sent again, outstanding activities run again, timers are re-armed, every inbox is looked at.
   */
  start(loaded: { records: InstanceRecord[]; messages: OutboxMessage[] }): void {
    for (const record of loaded.records) this.table.records.set(record.instanceId, record);
    const sends: Promise<void>[] = [];
    for (const message of loaded.messages) sends.push(this.router.deliver(message, { journaled: true }));
    for (const record of loaded.records) sends.push(this.router.sendOutbox(record));
    for (const record of loaded.records) {
      if (record.kind === 'orchestration' && !terminalStatuses.has(record.status))
        for (const o of record.outstanding) this.dispatcher.dispatch(record, o);
      this.scheduler.kick(record.instanceId);
    }
    void Promise.all(sends).catch(() => undefined); // a failing log reports itself on the next write
  }

  /**
   * Resolves once no episode or entity batch runs or waits to run and every write is durable (activities may still
   * run: they are the outside world). The manual clock moves only then.
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.scheduler.isIdle()) {
        await this.store.sync().catch(() => undefined); // a closed or failed store: nothing left to wait for
        await new Promise((resolve) => setImmediate(resolve));
        if (this.scheduler.isIdle()) return;
      } else await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** No new episodes or activities; waits (up to 5 s) for those running, then rejects every waiter. */
  async stop(): Promise<void> {
    await Promise.all([this.scheduler.stop(5000), this.dispatcher.stop(5000)]);
    this.table.stop();
  }
}
