import { EventType } from './history';
import type { InstanceTable } from './instance-table';
import { EntityRecord, InstanceRecord, OutboxMessage, terminalStatuses } from './records';

const ENTITY_SEEN_IDS = 10_000;

/**
 * The record's seenMessageIds as a set, kept up to date as the array grows: a run orchestration or run entity
 * receives thousands of messages, and scanning the array for each one made delivery quadratic.
 */
function seen(record: InstanceRecord): Set<string> {
  let index = seenIndex.get(record);
  if (!index || index.ref !== record.seenMessageIds || index.length > record.seenMessageIds.length) {
    index = { ref: record.seenMessageIds, length: 0, ids: new Set<string>() };
    seenIndex.set(record, index);
  }
  for (; index.length < index.ref.length; index.length++) index.ids.add(index.ref[index.length]);
  return index.ids;
}

const seenIndex = new WeakMap<InstanceRecord, { ref: string[]; length: number; ids: Set<string> }>();

export interface MessageRouterDeps {
  table: InstanceTable;
  hasOrchestrator(name: string): boolean;
  /** Lets the scheduler look at an instance that has new work. */
  wake(instanceId: string): void;
  cancelTimersOf(instanceId: string): void;
  log(message: string): void;
}

/**
 * Moves messages between instances (sub-orchestration starts and results, entity operations and replies, raised
 * events). A sender persists its outbox before anything is sent; each receiver applies a message and journals it,
 * dropping repeats by message id — so a crash between the two only causes a harmless resend.
 */
export class MessageRouter {
  constructor(private readonly deps: MessageRouterDeps) {}

  /** Sends what the record's outbox holds; the emptied outbox is persisted with the sender's next save. */
  sendOutbox(record: InstanceRecord): Promise<void> {
    if (record.outbox.length === 0) return Promise.resolve();
    const sent = record.outbox.map((message) => this.deliver(message));
    record.outbox = [];
    return Promise.all(sent).then(() => undefined);
  }

  /**
   * Applies a message to its receiver now and resolves once that is durable. `journaled`: the log already holds
   * it (loading the task hub), so it is applied without being written again.
   */
  deliver(message: OutboxMessage, options: { journaled?: boolean } = {}): Promise<void> {
    const { table } = this.deps;
    const existing = table.records.get(message.to);
    if (existing && seen(existing).has(message.id)) return Promise.resolve();
    const { body } = message;
    let durable: Promise<void>;
    if (body.kind === 'start') {
      if (existing?.kind === 'orchestration' && !terminalStatuses.has(existing.status)) {
        this.deps.log(
          `sub-orchestration ${message.to} is already ${existing.status}; start request ${message.id} ignored`,
        );
        return Promise.resolve();
      }
      if (!this.deps.hasOrchestrator(body.name))
        this.deps.log(`sub-orchestration "${body.name}" is not registered`);
      this.deps.cancelTimersOf(message.to);
      const record = table.newOrchestration(message.to, body.name, body.input, body.parent);
      record.seenMessageIds.push(message.id);
      durable = table.persist(record);
    } else if (body.kind === 'event') {
      if (!existing || existing.kind !== 'orchestration' || terminalStatuses.has(existing.status))
        return Promise.resolve();
      const taskId = body.event.TaskScheduledId;
      const retry =
        body.event.EventType === EventType.SubOrchestrationInstanceFailed &&
        existing.outstanding.some((o) => o.kind === 'sub' && o.taskId === taskId && !!o.retry);
      existing.inbox.push({
        event: { ...body.event, Timestamp: new Date(table.now()).toISOString() },
        retry: retry || undefined,
      });
      existing.seenMessageIds.push(message.id);
      durable = options.journaled ? Promise.resolve() : table.journal(existing.instanceId, message);
    } else {
      const entity = this.entityFor(message.to, existing);
      if (!entity) return Promise.resolve();
      entity.inbox.push({
        requestId: body.requestId,
        operation: body.operation,
        input: body.input,
        signal: body.signal,
        parent: body.parent,
      });
      entity.seenMessageIds.push(message.id);
      // Trimmed to the last ENTITY_SEEN_IDS once it holds a quarter more (not at every message: each trim writes the
      // whole array to the log and rebuilds its index), into a new array, never in place: the task hub log writes
      // only what was appended to an array it has seen.
      if (entity.seenMessageIds.length > ENTITY_SEEN_IDS * 1.25)
        entity.seenMessageIds = entity.seenMessageIds.slice(-ENTITY_SEEN_IDS);
      durable = options.journaled ? Promise.resolve() : table.journal(entity.instanceId, message);
    }
    this.deps.wake(message.to);
    return durable;
  }

  private entityFor(instanceId: string, existing: InstanceRecord | undefined): EntityRecord | undefined {
    if (existing?.kind === 'entity') return existing;
    const [, name, key] = /^@([^@]*)@(.*)$/.exec(instanceId) ?? [];
    if (name === undefined) {
      this.deps.log(`entity id ${instanceId} is not of the form @name@key; operation dropped`);
      return undefined;
    }
    const entity: EntityRecord = {
      kind: 'entity',
      instanceId,
      name,
      key,
      exists: false,
      lastUpdatedTime: new Date(this.deps.table.now()).toISOString(),
      inbox: [],
      outbox: [],
      seenMessageIds: [],
    };
    this.deps.table.records.set(instanceId, entity);
    return entity;
  }
}
