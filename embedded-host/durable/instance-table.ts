import { EventType, historyEvent } from './history';
import {
  EntityRecord,
  InstanceRecord,
  OrchestrationRecord,
  OutboxMessage,
  terminalStatuses,
} from './records';
import type { TaskHubStore } from './storage/task-hub-store';

/**
 * Every instance record of the task hub, in memory, and the one way to make one durable. Whoever changes a record
 * persists it and waits for that before anything outside may see the change (an HTTP answer, an activity, a
 * message to another instance, a waiter).
 */
export class InstanceTable {
  readonly records = new Map<string, InstanceRecord>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private stopped = false;

  constructor(
    private readonly store: TaskHubStore,
    private readonly clock: { now(): number },
  ) {}

  now(): number {
    return this.clock.now();
  }

  get(instanceId: string): OrchestrationRecord | undefined {
    const record = this.records.get(instanceId);
    return record?.kind === 'orchestration' ? record : undefined;
  }

  getEntity(entityInstanceId: string): EntityRecord | undefined {
    const record = this.records.get(entityInstanceId);
    return record?.kind === 'entity' ? record : undefined;
  }

  /** Durable when the promise resolves (the record as it is now). */
  persist(record: InstanceRecord): Promise<void> {
    return this.store.save(record);
  }

  /** Durable when the promise resolves: a message applied to its receiver, without rewriting the receiver. */
  journal(receiverId: string, message: OutboxMessage): Promise<void> {
    return this.store.appendMessage(receiverId, message);
  }

  remove(instanceId: string): Promise<void> {
    this.records.delete(instanceId);
    return this.store.remove(instanceId);
  }

  newOrchestration(
    instanceId: string,
    name: string,
    input: unknown,
    parent?: OrchestrationRecord['parent'],
  ): OrchestrationRecord {
    const now = this.now();
    const iso = new Date(now).toISOString();
    const record: OrchestrationRecord = {
      kind: 'orchestration',
      instanceId,
      name,
      executionId: 0,
      status: 'Pending',
      input: input ?? null,
      output: null,
      customStatus: null,
      createdTime: iso,
      lastUpdatedTime: iso,
      parent,
      history: [],
      inbox: [
        {
          event: historyEvent(EventType.ExecutionStarted, now, {
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

  /** Wakes whoever waits for this instance to finish; call once its terminal state is durable. */
  notify(instanceId: string): void {
    for (const w of [...(this.waiters.get(instanceId) ?? [])]) w();
  }

  /** Resolves when the instance is Completed, Failed or Terminated, or rejects after timeoutMs. */
  waitFor(instanceId: string, timeoutMs: number): Promise<OrchestrationRecord> {
    return new Promise((resolve, reject) => {
      const set = this.waiters.get(instanceId) ?? new Set<() => void>();
      this.waiters.set(instanceId, set);
      const cleanup = (): void => {
        clearTimeout(timer);
        set.delete(check);
        if (set.size === 0) this.waiters.delete(instanceId);
      };
      const check = (): void => {
        const r = this.get(instanceId);
        if (r && terminalStatuses.has(r.status)) {
          cleanup();
          // The end may be an episode whose put is still being written: answer once it is durable.
          this.store.sync().then(() => resolve(r), reject);
        } else if (this.stopped) {
          cleanup();
          reject(new Error(`host stopped while waiting for ${instanceId}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const status = this.get(instanceId)?.status ?? 'unknown';
        reject(new Error(`instance ${instanceId} did not finish within ${timeoutMs} ms (status ${status})`));
      }, timeoutMs);
      set.add(check);
      check();
    });
  }

  /** Rejects every waiter: the host is going away. */
  stop(): void {
    this.stopped = true;
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w();
  }
}
