// The task hub store: a group-committed log in front of per-instance checkpoint files. What a reopened store loads
// is what was acknowledged, whatever moment the log was cut at; puts write only what an array gained; segments are
// folded into the files; messages no receiver applied survive a fold and a restart; older task hubs still load.
import fs from 'node:fs';
import path from 'node:path';
import { EventType, historyEvent } from '../../embedded-host/durable/history';
import type {
  EntityRecord,
  InstanceRecord,
  OrchestrationRecord,
  OutboxMessage,
} from '../../embedded-host/durable/records';
import { frameBatch } from '../../embedded-host/durable/storage/log-format';
import { RecordEncoder } from '../../embedded-host/durable/storage/record-codec';
import { TaskHubStore, type TaskHubStoreOptions } from '../../embedded-host/durable/storage/task-hub-store';
import { startTestHost, tempDataDir } from './start-test-host';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function orchestration(id: string, events = 0): OrchestrationRecord {
  return {
    kind: 'orchestration',
    instanceId: id,
    name: 'sequence',
    executionId: 0,
    status: 'Running',
    input: null,
    output: null,
    customStatus: null,
    createdTime: new Date(T0).toISOString(),
    lastUpdatedTime: new Date(T0).toISOString(),
    history: Array.from({ length: events }, (_, i) =>
      historyEvent(EventType.TaskScheduled, T0 + i, { Name: `step-${i}`, Input: '"x".repeat(40)' }, i),
    ),
    inbox: [],
    outstanding: [],
    outbox: [],
    seenMessageIds: [],
    decisions: [],
    nextTaskId: events,
    replayEpisodes: 0,
  };
}

const entity = (seen: string[], state?: number): EntityRecord => ({
  kind: 'entity',
  instanceId: '@counter@journal',
  name: 'counter',
  key: 'journal',
  exists: state !== undefined,
  state: state === undefined ? undefined : JSON.stringify(state),
  lastUpdatedTime: new Date(T0).toISOString(),
  inbox: [],
  outbox: [],
  seenMessageIds: seen,
});

const op = (id: string, amount: number): OutboxMessage => ({
  id,
  to: '@counter@journal',
  body: { kind: 'entityOp', operation: 'add', input: JSON.stringify(amount), signal: true, requestId: id },
});

const plain = (records: InstanceRecord[]) =>
  Object.fromEntries(records.map((r) => [r.instanceId, JSON.parse(JSON.stringify(r))]));

const logFiles = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'taskhub', 'log')).sort();

async function openStore(dataDir: string, options: TaskHubStoreOptions = {}) {
  return TaskHubStore.open(dataDir, options);
}

describe('embedded host: task hub store', () => {
  it('commits what arrives in one turn as one batch, and a put carries only what the history gained', async () => {
    const dataDir = tempDataDir();
    const batches: number[] = [];
    const { store } = await openStore(dataDir, { onBatchWritten: ({ bytes }) => void batches.push(bytes) });
    const records = Array.from({ length: 50 }, (_, i) => orchestration(`many-${i}`, 200));
    await Promise.all(records.map((r) => store.save(r)));
    expect(batches).toHaveLength(1);
    const fullBytes = batches[0] / records.length;

    const one = records[0];
    one.history.push(historyEvent(EventType.TaskCompleted, T0 + 1000, { TaskScheduledId: 0, Result: '1' }));
    await store.save(one);
    expect(batches).toHaveLength(2);
    // The second put holds one event and the record's other fields, not the 200 events before it.
    expect(batches[1]).toBeLessThan(fullBytes / 20);
    await store.close();

    const reopened = await openStore(dataDir);
    expect(plain(reopened.records)).toEqual(plain(records));
    await reopened.store.close();
  });

  it('loads exactly the batches before a torn one, wherever the last write was cut', async () => {
    const dataDir = tempDataDir();
    const { store } = await openStore(dataDir);
    const record = orchestration('torn', 3);
    await store.save(record);
    const acknowledged = plain([record]);
    record.history.push(historyEvent(EventType.TaskCompleted, T0 + 5, { TaskScheduledId: 0, Result: '2' }));
    record.status = 'Completed';
    await store.save(record);
    // Keep the log as the crash left it: copy it before close() folds it into the checkpoint files.
    const [segment] = logFiles(dataDir);
    const logPath = path.join(dataDir, 'taskhub', 'log', segment);
    const full = fs.readFileSync(logPath);
    await store.close();
    const lastBatchStart = full.lastIndexOf(Buffer.from('\n#')) + 1;
    expect(lastBatchStart).toBeGreaterThan(0);

    for (
      let cut = lastBatchStart;
      cut < full.length;
      cut += Math.max(1, Math.floor((full.length - cut) / 7))
    ) {
      const crashed = tempDataDir();
      fs.mkdirSync(path.join(crashed, 'taskhub', 'log'), { recursive: true });
      fs.writeFileSync(path.join(crashed, 'taskhub', 'log', segment), full.subarray(0, cut));
      const loaded = await openStore(crashed);
      expect(plain(loaded.records)).toEqual(acknowledged);
      await loaded.store.close();
    }
  });

  it('folds a full segment into the checkpoint files and loads the same records afterwards', async () => {
    const dataDir = tempDataDir();
    const { store } = await openStore(dataDir, { segmentBytes: 4096 });
    const records = Array.from({ length: 8 }, (_, i) => orchestration(`fold-${i}`, 5));
    for (let round = 0; round < 20; round++) {
      for (const r of records) {
        r.history.push(historyEvent(EventType.TimerFired, T0 + round, { TimerId: round }));
        r.replayEpisodes = round;
      }
      await Promise.all(records.map((r) => store.save(r)));
    }
    await store.remove('fold-7');
    // Rotations happened: the first segments are gone, folded into stamped checkpoint files.
    await new Promise((r) => setTimeout(r, 50));
    expect(Number(logFiles(dataDir)[0].slice(0, -4))).toBeGreaterThan(1);
    const file = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'taskhub', 'instances', 'fold-0.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(file.$logSegment).toEqual(expect.any(Number));
    await store.close();

    const reopened = await openStore(dataDir);
    expect(plain(reopened.records)).toEqual(plain(records.slice(0, 7)));
    await reopened.store.close();
  });

  it('skips the log entries a checkpoint file already includes, and applies the later ones over it', async () => {
    // As a crash during a fold leaves it: the folded segment still there, its records' files already written.
    const dataDir = tempDataDir();
    const logDir = path.join(dataDir, 'taskhub', 'log');
    const first = await openStore(dataDir);
    const record = orchestration('half-folded', 2);
    await first.store.save(record);
    const staleSegment = fs.readFileSync(path.join(logDir, logFiles(dataDir)[0]));
    record.status = 'Suspended';
    record.history.push(historyEvent(EventType.ExecutionSuspended, T0 + 9, { Reason: 'drill' }));
    await first.store.save(record);
    await first.store.close(); // folds segment 1 into the file, stamped 1
    fs.writeFileSync(path.join(logDir, '000000000001.log'), staleSegment);
    // Segment 2: one more event, written as a put that carries only that event.
    const encoder = new RecordEncoder();
    const later = JSON.parse(JSON.stringify(record)) as OrchestrationRecord;
    encoder.adopt(later);
    later.history.push(historyEvent(EventType.ExecutionResumed, T0 + 10, { Reason: 'drill over' }));
    later.status = 'Running';
    const { line } = encoder.encodePut(later);
    expect(line).toContain('"history":[3,');
    fs.writeFileSync(path.join(logDir, '000000000002.log'), frameBatch([line]));

    const reopened = await openStore(dataDir);
    expect(plain(reopened.records)).toEqual(plain([later]));
    await reopened.store.close();
  });

  it('keeps messages no receiver has applied across folds and restarts, and drops those it has', async () => {
    const dataDir = tempDataDir();
    const { store } = await openStore(dataDir, { segmentBytes: 1024 });
    await store.save(entity(['m1'], 1));
    for (const [id, amount] of [
      ['m1', 1],
      ['m2', 10],
      ['m3', 100],
    ] as const)
      await store.appendMessage('@counter@journal', op(id, amount));
    // Enough other writes to rotate and fold several segments.
    for (let i = 0; i < 30; i++) await store.save(orchestration(`filler-${i}`, 3));
    await store.close();
    const reopened = await openStore(dataDir);
    expect(reopened.messages.map((m) => m.id)).toEqual(['m2', 'm3']);
    await reopened.store.close();

    const host = await startTestHost({ dataDir });
    try {
      const deadline = Date.now() + 10_000;
      let state: number | undefined;
      while (Date.now() < deadline) {
        state = (await host.client.readEntityState<number>({ name: 'counter', key: 'journal' })).entityState;
        if (state === 111) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(state).toBe(111);
    } finally {
      await host.stop();
    }
    const afterHost = await openStore(dataDir);
    expect(afterHost.messages).toEqual([]);
    await afterHost.store.close();
  });

  it('loads a task hub written before the log: its record files and message journals', async () => {
    const dataDir = tempDataDir();
    const dir = path.join(dataDir, 'taskhub', 'instances');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '%40counter%40journal.json'), JSON.stringify(entity(['m1'], 1)));
    fs.writeFileSync(
      path.join(dir, '%40counter%40journal.json.msgs'),
      `${JSON.stringify(op('m1', 1))}\n${JSON.stringify(op('m2', 10))}\n{"id":"m3","to":"@coun`,
    );
    const { store, records, messages } = await openStore(dataDir);
    expect(records.map((r) => r.instanceId)).toEqual(['@counter@journal']);
    expect(messages.map((m) => m.id)).toEqual(['m2']);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.msgs'))).toEqual([]);
    await store.close();
    // The journal's message moved into the log: still there after another restart.
    const again = await openStore(dataDir);
    expect(again.messages.map((m) => m.id)).toEqual(['m2']);
    await again.store.close();
  });

  it('refuses further writes once a batch could not be written, acknowledging nothing after it', async () => {
    const dataDir = tempDataDir();
    const { store } = await openStore(dataDir, {
      onBatchWritten: () => {
        throw new Error('disk gone');
      },
    });
    await expect(store.save(orchestration('lost', 1))).rejects.toThrow(/write failed: disk gone/);
    await expect(store.save(orchestration('after', 1))).rejects.toThrow(/disk gone/);
    await expect(store.close()).rejects.toThrow(/disk gone/);
  });
});
