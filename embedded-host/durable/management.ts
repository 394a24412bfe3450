import { randomUUID } from 'node:crypto';
import type { Dispatcher } from './dispatcher';
import { EventType, historyEvent } from './history';
import type { InstanceTable } from './instance-table';
import type { MessageRouter } from './message-router';
import { EntityRecord, OrchestrationRecord, RuntimeStatus, terminalStatuses } from './records';
import type { Scheduler } from './scheduler';

export class EngineError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 412,
    message: string,
  ) {
    super(message);
  }
}

export interface InstanceQuery {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  instanceIdPrefix?: string;
}

export interface ManagementDeps {
  table: InstanceTable;
  scheduler: Scheduler;
  dispatcher: Dispatcher;
  router: MessageRouter;
  hasOrchestrator(name: string): boolean;
}

/**
 * The durable management API (what the HTTP webhooks and the typed client call). Every write resolves once the
 * change is durable, so an answer the caller gets is never taken back by a crash.
 */
export class ManagementApi {
  constructor(private readonly deps: ManagementDeps) {}

  async startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): Promise<string> {
    const { table, scheduler, dispatcher } = this.deps;
    if (!this.deps.hasOrchestrator(name)) {
      throw new EngineError(
        400,
        `no orchestration named "${name}" is registered — register it with df.app.orchestration("${name}", …)`,
      );
    }
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    const existing = table.records.get(instanceId);
    if (existing && existing.kind === 'orchestration' && !terminalStatuses.has(existing.status)) {
      throw new EngineError(
        409,
        `instance ${instanceId} already exists and is ${existing.status} — pick another id or terminate it first`,
      );
    }
    dispatcher.cancelTimersOf(instanceId);
    const record = table.newOrchestration(instanceId, name, options.input);
    const durable = table.persist(record);
    scheduler.kick(instanceId);
    await durable;
    return instanceId;
  }

  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void> {
    const record = this.requireOrchestration(instanceId);
    if (terminalStatuses.has(record.status))
      throw new EngineError(410, `instance ${instanceId} is ${record.status}; it no longer takes events`);
    const event = historyEvent(EventType.EventRaised, this.deps.table.now(), {
      Name: eventName,
      Input: JSON.stringify(data ?? null),
    });
    // A message, not a rewrite of the receiver: an event for a run with a long history costs one short line.
    await this.deps.router.deliver({
      id: `client|${randomUUID()}`,
      to: instanceId,
      body: { kind: 'event', event },
    });
  }

  async terminate(instanceId: string, reason: string): Promise<void> {
    const { table, scheduler } = this.deps;
    const record = this.requireOrchestration(instanceId);
    if (terminalStatuses.has(record.status))
      throw new EngineError(410, `instance ${instanceId} is already ${record.status}`);
    if (!scheduler.isBusy(instanceId)) return scheduler.terminateNow(record, reason);
    // An episode is running on this record: queue the termination (durably) for the drain loop.
    record.inbox.push({ event: historyEvent(EventType.ExecutionTerminated, table.now(), { Input: reason }) });
    await table.persist(record);
  }

  async suspend(instanceId: string, reason: string): Promise<void> {
    const record = this.requireOrchestration(instanceId);
    if (record.status === 'Suspended') return;
    if (terminalStatuses.has(record.status))
      throw new EngineError(
        410,
        `instance ${instanceId} is ${record.status}; only running instances can be suspended`,
      );
    record.status = 'Suspended';
    record.history.push(
      historyEvent(EventType.ExecutionSuspended, this.deps.table.now(), { Reason: reason }),
    );
    await this.deps.table.persist(record);
  }

  async resume(instanceId: string, reason: string): Promise<void> {
    const record = this.requireOrchestration(instanceId);
    if (record.status !== 'Suspended') {
      if (terminalStatuses.has(record.status))
        throw new EngineError(
          410,
          `instance ${instanceId} is ${record.status}; only suspended instances can be resumed`,
        );
      return;
    }
    record.status = 'Running';
    record.history.push(historyEvent(EventType.ExecutionResumed, this.deps.table.now(), { Reason: reason }));
    const durable = this.deps.table.persist(record);
    this.deps.scheduler.kick(instanceId);
    await durable;
  }

  /**
   * Rewinds a failed instance: its failed activity and sub-orchestration results are taken out of
   * the history, so replay waits on them again, and they run again (a failed child is rewound too).
   */
  async rewind(instanceId: string, reason: string): Promise<void> {
    const { table, scheduler, dispatcher } = this.deps;
    const record = this.requireOrchestration(instanceId);
    if (record.status !== 'Failed')
      throw new EngineError(
        412,
        `instance ${instanceId} is ${record.status}; only failed instances can be rewound`,
      );
    const failedIds = new Set<number>();
    record.history = record.history.filter((e) => {
      if (e.EventType === EventType.TaskFailed || e.EventType === EventType.SubOrchestrationInstanceFailed) {
        failedIds.add(e.TaskScheduledId as number);
        return false;
      }
      return e.EventType !== EventType.ExecutionCompleted && e.EventType !== EventType.ExecutionFailed;
    });
    record.outstanding = [];
    for (const e of record.history) {
      if (!failedIds.has(e.EventId)) continue;
      const common = { taskId: e.EventId, name: e.Name as string, input: e.Input };
      if (e.EventType === EventType.TaskScheduled) record.outstanding.push({ kind: 'activity', ...common });
      else if (e.EventType === EventType.SubOrchestrationInstanceCreated)
        record.outstanding.push({ kind: 'sub', ...common, instanceId: e.InstanceId as string });
    }
    // A failure without failed tasks (the orchestrator itself threw) is retried by one more replay.
    record.inbox.push({
      event: historyEvent(EventType.GenericEvent, table.now(), { Data: `rewind: ${reason}` }),
    });
    record.status = 'Running';
    record.output = null;
    record.lastUpdatedTime = new Date(table.now()).toISOString();
    await table.persist(record);
    for (const o of record.outstanding) {
      if (o.kind !== 'sub') dispatcher.dispatch(record, o);
      else if (table.get(o.instanceId)?.status === 'Failed') await this.rewind(o.instanceId, reason);
    }
    scheduler.kick(instanceId);
  }

  async purge(instanceId: string): Promise<number> {
    const record = this.deps.table.get(instanceId);
    if (!record) return 0;
    this.deps.dispatcher.cancelTimersOf(instanceId);
    await this.deps.table.remove(instanceId);
    return 1;
  }

  async purgeWhere(query: InstanceQuery): Promise<number> {
    let purged = 0;
    for (const r of this.query(query)) purged += await this.purge(r.instanceId);
    return purged;
  }

  get(instanceId: string): OrchestrationRecord | undefined {
    return this.deps.table.get(instanceId);
  }

  getEntity(entityInstanceId: string): EntityRecord | undefined {
    return this.deps.table.getEntity(entityInstanceId);
  }

  query(query: InstanceQuery): OrchestrationRecord[] {
    const from = query.createdTimeFrom?.getTime() ?? -Infinity;
    const to = query.createdTimeTo?.getTime() ?? Infinity;
    const inWindow = (created: string): boolean =>
      (from === -Infinity && to === Infinity) || (Date.parse(created) >= from && Date.parse(created) <= to);
    return [...this.deps.table.records.values()].filter(
      (r): r is OrchestrationRecord =>
        r.kind === 'orchestration' &&
        (!query.instanceIdPrefix || r.instanceId.startsWith(query.instanceIdPrefix)) &&
        (!query.runtimeStatus?.length || query.runtimeStatus.includes(r.status)) &&
        inWindow(r.createdTime),
    );
  }

  async signalEntity(entityName: string, key: string, operation: string, input: unknown): Promise<void> {
    const requestId = randomUUID();
    await this.deps.router.deliver({
      id: `client|${requestId}`,
      to: `@${entityName.toLowerCase()}@${key}`,
      body: {
        kind: 'entityOp',
        operation,
        input: input === undefined ? undefined : JSON.stringify(input),
        signal: true,
        requestId,
      },
    });
  }

  /** Resolves when the instance is Completed, Failed or Terminated (durably), or rejects after timeoutMs. */
  waitFor(instanceId: string, timeoutMs: number): Promise<OrchestrationRecord> {
    return this.deps.table.waitFor(instanceId, timeoutMs);
  }

  private requireOrchestration(instanceId: string): OrchestrationRecord {
    const record = this.deps.table.get(instanceId);
    if (!record) throw new EngineError(404, `no orchestration instance ${instanceId} in this task hub`);
    return record;
  }
}
