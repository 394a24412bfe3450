import { randomUUID } from 'node:crypto';
import { EventType, historyEvent } from './history';
import { EntityRecord } from './records';

interface EntityOutput {
  entityExists: boolean;
  entityState?: string;
  results: { isError: boolean; result?: string }[];
  signals: { target: { name: string; key: string }; name: string; input?: string; requestId?: string }[];
}

/** Runs a batch of operations through the SDK's entity handler and queues replies and signals. */
export async function runEntityBatch(
  record: EntityRecord,
  batch: EntityRecord['inbox'],
  invoke: (triggerInput: unknown) => Promise<unknown>,
  now: number,
): Promise<void> {
  const output = (await invoke({
    self: { name: record.name, key: record.key },
    exists: record.exists,
    state: record.state,
    batch: batch.map((op) => ({ id: op.requestId, name: op.operation, signal: op.signal, input: op.input })),
  })) as EntityOutput;
  record.exists = output.entityExists;
  record.state = output.entityExists ? output.entityState : undefined;
  record.lastUpdatedTime = new Date(now).toISOString();
  batch.forEach((op, i) => {
    if (op.signal || !op.parent) return;
    const r = output.results[i] ?? { isError: false };
    const reply = r.isError ? { result: r.result, exceptionType: 'Error' } : { result: r.result };
    record.outbox.push({
      id: `${record.instanceId}|reply|${op.requestId}`,
      to: op.parent,
      body: {
        kind: 'event',
        event: historyEvent(EventType.EventRaised, now, { Name: op.requestId, Input: JSON.stringify(reply) }),
      },
    });
  });
  output.signals.forEach((s) => {
    // Random ids are safe: the outbox is persisted before it is sent, so resends reuse them.
    record.outbox.push({
      id: `${record.instanceId}|signal|${randomUUID()}`,
      to: `@${s.target.name.toLowerCase()}@${s.target.key}`,
      body: {
        kind: 'entityOp',
        operation: s.name,
        input: s.input || undefined,
        signal: true,
        requestId: randomUUID(),
      },
    });
  });
}
