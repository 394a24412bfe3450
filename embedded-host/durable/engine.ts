import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { HostClock } from '../clock';
import { runEpisode, finish } from './episode';
import { EventType, historyEvent, HistoryEvent } from './history';
import {
  EntityRecord,
  InboxEntry,
  InstanceRecord,
  OrchestrationRecord,
  Outstanding,
  OutboxMessage,
  RuntimeStatus,
  terminalStatuses,
} from './records';
import { TaskHubStore } from './store';
import { runEntityBatch } from './entity-batch';

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

export class EngineError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 412,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A scripted orchestrator failure, as the Functions host reports when an orchestrator invocation throws (a code
 * defect, a payload it cannot handle): the next episode whose instance and new events match fails the instance
 * instead of running the orchestrator. For fault tests and local fault drills; production never arms one.
 */
export interface EpisodeFault {
  /** `completedActivities`: names of the activities whose results arrive in this episode. */
  matches(episode: { instanceId: string; orchestrationName: string; completedActivities: string[] }): boolean;
  message: string;
  /** Episodes to fail before the fault disarms itself (default 1). */
  count?: number;
}

export interface InstanceQuery {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  instanceIdPrefix?: string;
}

/**
 * The durable engine: owns every instance record, runs orchestrator episodes one at a time per
 * instance, runs activities under a concurrency limit, arms timers on the host clock and moves
 * messages between instances (persist the sender with its outbox, then each receiver, deduplicated
 * by message id — so a crash between the two only causes a harmless resend).
 */
export class DurableEngine {
  private readonly records = new Map<string, InstanceRecord>();
  private readonly busy = new Set<string>();
  private readonly timers = new Map<string, () => void>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly episodeFaults: { fault: EpisodeFault; left: number }[] = [];
  private stopped = false;

  constructor(private readonly options: EngineOptions) {
    this.limit = pLimit(Math.max(1, options.activityConcurrency));
  }

  /** Loads the task hub and resumes everything: outboxes resent, activities rerun, timers re-armed. */
  start(): void {
    for (const record of this.options.store.loadAll()) this.records.set(record.instanceId, record);
    // Messages delivered after their receiver was last saved; already in the journal, so not journaled again.
    for (const message of this.options.store.loadMessages()) this.deliver(message, { journaled: true });
    for (const record of this.records.values()) this.sendOutbox(record);
    for (const record of this.records.values()) {
      if (record.kind === 'orchestration' && !terminalStatuses.has(record.status)) {
        for (const o of record.outstanding) this.dispatch(record, o);
      }
      this.kick(record.instanceId);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    const deadline = Date.now() + 5000;
    while (this.inflight.size > 0 && Date.now() < deadline) await Promise.race([...this.inflight, delay(50)]);
    for (const set of this.waiters.values()) for (const w of set) w();
  }

  // ---- client operations -------------------------------------------------------------------

  startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): string {
    if (!this.options.invokers.hasOrchestrator(name)) {
      throw new EngineError(
        400,
        `no orchestration named "${name}" is registered — register it with df.app.orchestration("${name}", …)`,
      );
    }
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    const existing = this.records.get(instanceId);
    if (existing && existing.kind === 'orchestration' && !terminalStatuses.has(existing.status)) {
      throw new EngineError(
        409,
        `instance ${instanceId} already exists and is ${existing.status} — pick another id or terminate it first`,
      );
    }
    this.cancelTimersOf(instanceId);
    const record = this.newOrchestration(instanceId, name, options.input);
    this.persist(record);
    this.kick(instanceId);
    return instanceId;
  }

  raiseEvent(instanceId: string, eventName: string, data: unknown): void {
    const record = this.requireOrchestration(instanceId);
    if (terminalStatuses.has(record.status))
      throw new EngineError(410, `instance ${instanceId} is ${record.status}; it no longer takes events`);
    record.inbox.push({
      event: historyEvent(EventType.EventRaised, this.now(), {
        Name: eventName,
        Input: JSON.stringify(data ?? null),
      }),
    });
    this.persist(record);
    this.kick(instanceId);
  }

  terminate(instanceId: string, reason: string): void {
    const record = this.requireOrchestration(instanceId);
    if (terminalStatuses.has(record.status))
      throw new EngineError(410, `instance ${instanceId} is already ${record.status}`);
    if (this.busy.has(instanceId)) {
      // An episode is running on this record: queue the termination (durably) for the drain loop.
      record.inbox.push({
        event: historyEvent(EventType.ExecutionTerminated, this.now(), { Input: reason }),
      });
      this.persist(record);
      return;
    }
    this.applyTermination(record, reason);
  }

  private applyTermination(record: OrchestrationRecord, reason: string): void {
    const { instanceId } = record;
    record.inbox = [];
    finish(record, 'Terminated', reason, this.now());
    this.cancelTimersOf(instanceId);
    this.persist(record);
    this.sendOutbox(record);
    this.notify(instanceId);
  }

  suspend(instanceId: string, reason: string): void {
    const record = this.requireOrchestration(instanceId);
    if (record.status === 'Suspended') return;
    if (terminalStatuses.has(record.status))
      throw new EngineError(
        410,
        `instance ${instanceId} is ${record.status}; only running instances can be suspended`,
      );
    record.status = 'Suspended';
    record.history.push(historyEvent(EventType.ExecutionSuspended, this.now(), { Reason: reason }));
    this.persist(record);
  }

  resume(instanceId: string, reason: string): void {
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
    record.history.push(historyEvent(EventType.ExecutionResumed, this.now(), { Reason: reason }));
    this.persist(record);
    this.kick(instanceId);
  }

  /**
   * Rewinds a failed instance: its failed activity and sub-orchestration results are taken out of
   * the history, so replay waits on them again, and they run again (a failed child is rewound too).
   */
  rewind(instanceId: string, reason: string): void {
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
      if (e.EventType === EventType.TaskScheduled) {
        record.outstanding.push({
          kind: 'activity',
          taskId: e.EventId,
          name: e.Name as string,
          input: e.Input,
        });
      } else if (e.EventType === EventType.SubOrchestrationInstanceCreated) {
        record.outstanding.push({
          kind: 'sub',
          taskId: e.EventId,
          instanceId: e.InstanceId as string,
          name: e.Name as string,
          input: e.Input,
        });
      }
    }
    // A failure without failed tasks (the orchestrator itself threw) is retried by one more replay.
    record.inbox.push({
      event: historyEvent(EventType.GenericEvent, this.now(), { Data: `rewind: ${reason}` }),
    });
    record.status = 'Running';
    record.output = null;
    record.lastUpdatedTime = new Date(this.now()).toISOString();
    this.persist(record);
    for (const o of record.outstanding) {
      if (o.kind === 'sub') {
        const child = this.records.get(o.instanceId);
        if (child?.kind === 'orchestration' && child.status === 'Failed') this.rewind(o.instanceId, reason);
      } else this.dispatch(record, o);
    }
    this.kick(instanceId);
  }

  injectEpisodeFault(fault: EpisodeFault): void {
    this.episodeFaults.push({ fault, left: fault.count ?? 1 });
  }

  /** The armed fault this episode trips, if any (and uses up one of its episodes). */
  private episodeFaultFor(record: OrchestrationRecord, batch: InboxEntry[]): string | undefined {
    if (this.episodeFaults.length === 0) return undefined;
    const completedIds = new Set(
      batch.filter((b) => b.event.EventType === EventType.TaskCompleted).map((b) => b.event.TaskScheduledId),
    );
    const completedActivities = record.outstanding.flatMap((o) =>
      o.kind === 'activity' && completedIds.has(o.taskId) ? [o.name] : [],
    );
    const armed = this.episodeFaults.find(({ fault }) =>
      fault.matches({ instanceId: record.instanceId, orchestrationName: record.name, completedActivities }),
    );
    if (!armed) return undefined;
    armed.left -= 1;
    if (armed.left <= 0) this.episodeFaults.splice(this.episodeFaults.indexOf(armed), 1);
    return armed.fault.message;
  }

  purge(instanceId: string): number {
    const record = this.records.get(instanceId);
    if (!record || record.kind !== 'orchestration') return 0;
    this.cancelTimersOf(instanceId);
    this.records.delete(instanceId);
    this.options.store.remove(instanceId);
    return 1;
  }

  purgeWhere(query: InstanceQuery): number {
    return this.query(query).reduce((n, r) => n + this.purge(r.instanceId), 0);
  }

  get(instanceId: string): OrchestrationRecord | undefined {
    const record = this.records.get(instanceId);
    return record?.kind === 'orchestration' ? record : undefined;
  }

  getEntity(entityInstanceId: string): EntityRecord | undefined {
    const record = this.records.get(entityInstanceId);
    return record?.kind === 'entity' ? record : undefined;
  }

  query(query: InstanceQuery): OrchestrationRecord[] {
    const from = query.createdTimeFrom?.getTime() ?? -Infinity;
    const to = query.createdTimeTo?.getTime() ?? Infinity;
    return [...this.records.values()].filter(
      (r): r is OrchestrationRecord =>
        r.kind === 'orchestration' &&
        (!query.runtimeStatus?.length || query.runtimeStatus.includes(r.status)) &&
        Date.parse(r.createdTime) >= from &&
        Date.parse(r.createdTime) <= to &&
        (!query.instanceIdPrefix || r.instanceId.startsWith(query.instanceIdPrefix)),
    );
  }

  signalEntity(entityName: string, key: string, operation: string, input: unknown): void {
    const to = `@${entityName.toLowerCase()}@${key}`;
    const requestId = randomUUID();
    this.deliver({
      id: `client|${requestId}`,
      to,
      body: {
        kind: 'entityOp',
        operation,
        input: input === undefined ? undefined : JSON.stringify(input),
        signal: true,
        requestId,
      },
    });
  }

  /** Resolves when the instance is Completed, Failed or Terminated, or rejects after timeoutMs. */
  waitFor(instanceId: string, timeoutMs: number): Promise<OrchestrationRecord> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const r = this.get(instanceId);
        if (r && terminalStatuses.has(r.status)) {
          cleanup();
          resolve(r);
          return true;
        }
        if (this.stopped) {
          cleanup();
          reject(new Error(`host stopped while waiting for ${instanceId}`));
          return true;
        }
        return false;
      };
      const set = this.waiters.get(instanceId) ?? new Set<() => void>();
      this.waiters.set(instanceId, set);
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        cleanup();
        const r = this.get(instanceId);
        reject(
          new Error(
            `instance ${instanceId} did not finish within ${timeoutMs} ms (status ${r?.status ?? 'unknown'})`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        set.delete(waiter);
      };
      set.add(waiter);
      check();
    });
  }

  // ---- internals ---------------------------------------------------------------------------

  private now(): number {
    return this.options.clock.now();
  }

  private newOrchestration(
    instanceId: string,
    name: string,
    input: unknown,
    parent?: OrchestrationRecord['parent'],
  ): OrchestrationRecord {
    const now = new Date(this.now()).toISOString();
    const record: OrchestrationRecord = {
      kind: 'orchestration',
      instanceId,
      name,
      executionId: 0,
      status: 'Pending',
      input: input ?? null,
      output: null,
      customStatus: null,
      createdTime: now,
      lastUpdatedTime: now,
      parent,
      history: [],
      inbox: [
        {
          event: historyEvent(EventType.ExecutionStarted, this.now(), {
            Name: name,
            Input: JSON.stringify(input ?? null),
            ParentInstance: parent,
          }),
        },
      ],
      outstanding: [],
      outbox: [],
      seenMessageIds: [],
      decisions: [],
      nextTaskId: 0,
      replayEpisodes: 0,
    };
    this.records.set(instanceId, record);
    return record;
  }

  private requireOrchestration(instanceId: string): OrchestrationRecord {
    const record = this.get(instanceId);
    if (!record) throw new EngineError(404, `no orchestration instance ${instanceId} in this task hub`);
    return record;
  }

  private persist(record: InstanceRecord): void {
    this.options.store.save(record);
  }

  private kick(instanceId: string): void {
    if (this.stopped || this.busy.has(instanceId)) return;
    const record = this.records.get(instanceId);
    if (!record || record.inbox.length === 0) return;
    if (record.kind === 'orchestration') {
      if (terminalStatuses.has(record.status)) return;
      if (
        record.status === 'Suspended' &&
        !record.inbox.some((e) => e.event.EventType === EventType.ExecutionTerminated)
      )
        return;
    }
    this.busy.add(instanceId);
    const run = (record.kind === 'orchestration' ? this.drainOrchestration(record) : this.drainEntity(record))
      .catch((err: unknown) =>
        this.options.log(`instance ${instanceId}: engine error ${(err as Error).stack ?? String(err)}`),
      )
      .finally(() => {
        this.busy.delete(instanceId);
        this.inflight.delete(run);
        setImmediate(() => this.kick(instanceId));
      });
    this.inflight.add(run);
  }

  private async drainOrchestration(record: OrchestrationRecord): Promise<void> {
    while (!this.stopped && record.inbox.length > 0 && this.records.get(record.instanceId) === record) {
      if (terminalStatuses.has(record.status)) return;
      const termination = record.inbox.find((e) => e.event.EventType === EventType.ExecutionTerminated);
      if (termination) {
        this.applyTermination(record, String(termination.event.Input ?? ''));
        return;
      }
      if (record.status === 'Suspended') return;
      // Replay is the expensive part: while many activities are still running, let their results
      // gather for a moment so one episode takes many of them (fan-out of 1000 in tens of episodes).
      const running = record.outstanding.filter((o) => o.kind === 'activity').length;
      if (running > record.inbox.length + 1 && !record.inbox[0]?.retry) await delay(GATHER_MS);
      const batch = takeBatch(record.inbox);
      const fault = this.episodeFaultFor(record, batch);
      const created = await runEpisode(record, batch, {
        now: this.now(),
        upperSchemaVersion: this.options.upperSchemaVersion,
        invokeOrchestrator: (name, input) =>
          fault === undefined
            ? this.options.invokers.orchestrator(name, input)
            : Promise.reject(new Error(fault)),
        newGuid: () => randomUUID(),
      });
      if (this.records.get(record.instanceId) !== record) return; // purged meanwhile
      this.persist(record);
      if (terminalStatuses.has(record.status)) this.cancelTimersOf(record.instanceId);
      for (const o of created) this.dispatch(record, o);
      this.sendOutbox(record);
      if (terminalStatuses.has(record.status)) this.notify(record.instanceId);
    }
  }

  private async drainEntity(record: EntityRecord): Promise<void> {
    while (!this.stopped && record.inbox.length > 0) {
      const batch = record.inbox.slice(0, 100);
      const functionName = this.options.invokers.entityFunctionName(record.name);
      if (!functionName) {
        this.options.log(
          `entity ${record.instanceId}: no entity function named "${record.name}" is registered; dropping ${batch.length} operation(s)`,
        );
        record.inbox = record.inbox.slice(batch.length);
        this.persist(record);
        continue;
      }
      await runEntityBatch(
        record,
        batch,
        (input) => this.options.invokers.entity(functionName, input),
        this.now(),
      );
      record.inbox = record.inbox.slice(batch.length);
      this.persist(record);
      this.sendOutbox(record);
    }
  }

  private dispatch(record: OrchestrationRecord, o: Outstanding): void {
    const { instanceId, executionId } = record;
    if (o.kind === 'timer') {
      const key = `${instanceId}\u0000${executionId}\u0000${o.taskId}`;
      if (this.timers.has(key)) return;
      const cancel = this.options.clock.schedule(o.fireAtMs, () => {
        this.timers.delete(key);
        const current = this.get(instanceId);
        if (!current || current.executionId !== executionId || !current.outstanding.includes(o)) return;
        this.enqueue(
          current,
          historyEvent(EventType.TimerFired, this.now(), {
            TimerId: o.taskId,
            FireAt: new Date(o.fireAtMs).toISOString(),
          }),
          !!o.retryOf,
        );
      });
      this.timers.set(key, cancel);
      return;
    }
    if (o.kind === 'sub') return; // the child reports back through its outbox
    const run = this.limit(async () => {
      if (this.stopped) return;
      let event: HistoryEvent;
      try {
        const input = typeof o.input === 'string' ? JSON.parse(o.input) : undefined;
        const result = await this.options.invokers.activity(o.name, input);
        event = historyEvent(EventType.TaskCompleted, this.now(), {
          TaskScheduledId: o.taskId,
          Result: JSON.stringify(result ?? null),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        event = historyEvent(EventType.TaskFailed, this.now(), {
          TaskScheduledId: o.taskId,
          Reason: `Activity function '${o.name}' failed: ${message}`,
          Details: '',
        });
      }
      const current = this.get(instanceId);
      if (this.stopped || !current || current.executionId !== executionId || !current.outstanding.includes(o))
        return;
      this.enqueue(current, event, event.EventType === EventType.TaskFailed && !!o.retry);
    });
    this.inflight.add(run);
    void run.finally(() => this.inflight.delete(run));
  }

  /** In-memory only: a lost completion is recovered by running the still-outstanding work again. */
  private enqueue(record: OrchestrationRecord, event: HistoryEvent, retry: boolean): void {
    // After a restart a persisted completion and the rerun of the same activity can both arrive.
    const taskId = event.TaskScheduledId;
    if (
      taskId !== undefined &&
      record.inbox.some(
        (e) =>
          e.event.TaskScheduledId === taskId &&
          (e.event.EventType === EventType.TaskCompleted || e.event.EventType === EventType.TaskFailed),
      )
    )
      return;
    record.inbox.push({ event, retry: retry || undefined });
    this.kick(record.instanceId);
  }

  private sendOutbox(record: InstanceRecord): void {
    while (record.outbox.length > 0) {
      this.deliver(record.outbox[0]);
      record.outbox.shift();
    }
  }

  /** Applies a message to its receiver and makes it durable; repeats are ignored by id. */
  private deliver(message: OutboxMessage, options: { journaled?: boolean } = {}): void {
    const journal = (receiverId: string) => {
      if (!options.journaled) this.options.store.appendMessage(receiverId, message);
    };
    const { body } = message;
    const existing = this.records.get(message.to);
    if (existing?.seenMessageIds.includes(message.id)) return;
    if (body.kind === 'start') {
      if (existing?.kind === 'orchestration' && !terminalStatuses.has(existing.status)) {
        this.options.log(
          `sub-orchestration ${message.to} is already ${existing.status}; start request ${message.id} ignored`,
        );
        return;
      }
      if (!this.options.invokers.hasOrchestrator(body.name))
        this.options.log(`sub-orchestration "${body.name}" is not registered`);
      this.cancelTimersOf(message.to);
      const record = this.newOrchestration(message.to, body.name, body.input, body.parent);
      record.seenMessageIds.push(message.id);
      this.persist(record);
      this.kick(record.instanceId);
      return;
    }
    if (body.kind === 'event') {
      if (!existing || existing.kind !== 'orchestration' || terminalStatuses.has(existing.status)) return;
      const event = body.event;
      const taskId = event.TaskScheduledId;
      const retry =
        event.EventType === EventType.SubOrchestrationInstanceFailed &&
        existing.outstanding.some((o) => o.kind === 'sub' && o.taskId === taskId && !!o.retry);
      existing.inbox.push({
        event: { ...event, Timestamp: new Date(this.now()).toISOString() },
        retry: retry || undefined,
      });
      existing.seenMessageIds.push(message.id);
      journal(existing.instanceId);
      this.kick(existing.instanceId);
      return;
    }
    const [, name, key] = /^@([^@]*)@(.*)$/.exec(message.to) ?? [];
    if (name === undefined) {
      this.options.log(`entity id ${message.to} is not of the form @name@key; operation dropped`);
      return;
    }
    const entity: EntityRecord =
      existing?.kind === 'entity'
        ? existing
        : {
            kind: 'entity',
            instanceId: message.to,
            name,
            key,
            exists: false,
            lastUpdatedTime: new Date(this.now()).toISOString(),
            inbox: [],
            outbox: [],
            seenMessageIds: [],
          };
    this.records.set(entity.instanceId, entity);
    entity.inbox.push({
      requestId: body.requestId,
      operation: body.operation,
      input: body.input,
      signal: body.signal,
      parent: body.parent,
    });
    entity.seenMessageIds.push(message.id);
    if (entity.seenMessageIds.length > 10000)
      entity.seenMessageIds.splice(0, entity.seenMessageIds.length - 10000);
    journal(entity.instanceId);
    this.kick(entity.instanceId);
  }

  private cancelTimersOf(instanceId: string): void {
    const prefix = `${instanceId}\u0000`;
    for (const [key, cancel] of this.timers) {
      if (key.startsWith(prefix)) {
        cancel();
        this.timers.delete(key);
      }
    }
  }

  private notify(instanceId: string): void {
    for (const w of [...(this.waiters.get(instanceId) ?? [])]) w();
  }
}

/**
 * Events that move a retry along go alone into an episode: the SDK hands out the retry's task ids
 * while it processes them, so the host can only number them when nothing else happens at once.
 */
function takeBatch(inbox: InboxEntry[]): InboxEntry[] {
  if (inbox[0]?.retry) return inbox.slice(0, 1);
  const stop = inbox.findIndex((e) => e.retry);
  return inbox.slice(0, stop < 0 ? inbox.length : stop);
}

const GATHER_MS = 5;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
