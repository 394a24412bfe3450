// Messages between instances go to the receiver's message journal, not a rewrite of its record. A restart replays
// what the journal holds since the receiver's last save, once: repeats (a resent outbox, a journal written before
// the save that already holds it) are dropped by message id.
import fs from 'node:fs';
import path from 'node:path';
import { TaskHubStore } from '../../embedded-host/durable/store';
import type { EntityRecord, OutboxMessage } from '../../embedded-host/durable/records';
import { startTestHost, tempDataDir } from './start-test-host';

const op = (id: string, amount: number): OutboxMessage => ({
  id,
  to: '@counter@journal',
  body: { kind: 'entityOp', operation: 'add', input: JSON.stringify(amount), signal: true, requestId: id },
});

describe('embedded host: message journal', () => {
  it('appends, loads in order, drops a torn last line, and is emptied by saving the receiver', () => {
    const store = new TaskHubStore(tempDataDir());
    store.appendMessage('@counter@journal', op('m1', 1));
    store.appendMessage('@counter@journal', op('m2', 2));
    const journal = fs.readdirSync(store.dir).find((n) => n.endsWith('.msgs'))!;
    fs.appendFileSync(path.join(store.dir, journal), '{"id":"m3","to":"@coun');
    expect(store.loadMessages().map((m) => m.id)).toEqual(['m1', 'm2']);
    const entity: EntityRecord = {
      kind: 'entity',
      instanceId: '@counter@journal',
      name: 'counter',
      key: 'journal',
      exists: false,
      lastUpdatedTime: new Date().toISOString(),
      inbox: [],
      outbox: [],
      seenMessageIds: ['m1', 'm2'],
    };
    store.save(entity);
    expect(store.loadMessages()).toEqual([]);
    expect(fs.readdirSync(store.dir).filter((n) => n.endsWith('.msgs'))).toEqual([]);
  });

  it('applies journaled messages once after a restart, skipping those the saved record already holds', async () => {
    const dataDir = tempDataDir();
    const store = new TaskHubStore(dataDir);
    // The saved record already applied m1 (state 1); m1 is still in the journal, m2 and m3 are not applied yet.
    const saved: EntityRecord = {
      kind: 'entity',
      instanceId: '@counter@journal',
      name: 'counter',
      key: 'journal',
      exists: true,
      state: JSON.stringify(1),
      lastUpdatedTime: new Date().toISOString(),
      inbox: [],
      outbox: [],
      seenMessageIds: ['m1'],
    };
    store.save(saved);
    for (const [id, amount] of [
      ['m1', 1],
      ['m2', 10],
      ['m3', 100],
      ['m2', 10],
    ] as const)
      store.appendMessage('@counter@journal', op(id, amount));

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
      // Once the entity has saved, its journal is gone.
      expect(new TaskHubStore(dataDir).loadMessages()).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});
