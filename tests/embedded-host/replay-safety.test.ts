import { startTestHost, appPath, tempDataDir } from './start-test-host';

describe('embedded host: replay safety', () => {
  it('fails an instance whose code schedules a different activity than its history, naming both', async () => {
    const dataDir = tempDataDir();
    const first = await startTestHost({ appEntry: appPath('nondet-v1'), dataDir });
    const id = await first.client.startNew('changing', { instanceId: 'nd-1' });
    await waitUntil(async () =>
      (await first.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'TaskCompleted',
      ),
    );
    await first.stop();

    const second = await startTestHost({ appEntry: appPath('nondet-v2'), dataDir });
    try {
      await second.client.raiseEvent(id, 'continue', 1);
      const done = await second.client.waitForCompletion(id, { timeoutMs: 10_000 });
      expect(done.runtimeStatus).toBe('Failed');
      expect(String(done.output)).toMatch(/Non-deterministic.*CallActivity "stepA".*CallActivity "stepB"/);
    } finally {
      await second.stop();
    }
  });

  it('replays under schema V2 as well as V3', async () => {
    const host = await startTestHost({ schema: 'V2' });
    try {
      const seq = await host.client.waitForCompletion(
        await host.client.startNew('sequence', { input: ['v2'] }),
        { timeoutMs: 10_000 },
      );
      expect(seq.output).toEqual(['v2']);
      const fan = await host.client.waitForCompletion(await host.client.startNew('fanOut', { input: 10 }), {
        timeoutMs: 10_000,
      });
      expect(fan.output).toBe(90);
      const entity = await host.client.waitForCompletion(
        await host.client.startNew('entityFlow', { input: 'v2' }),
        { timeoutMs: 10_000 },
      );
      expect(entity.output).toBe(6);
    } finally {
      await host.stop();
    }
  });

  it('resumes an instance from the task hub after a restart and fires its due timer', async () => {
    const dataDir = tempDataDir();
    const first = await startTestHost({
      dataDir,
      clock: { kind: 'manual', startAt: Date.parse('2026-01-01T00:00:00Z') },
    });
    const id = await first.client.startNew('earlyEvent');
    await waitUntil(async () =>
      (await first.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'TimerCreated',
      ),
    );
    await first.client.raiseEvent(id, 'go', 'kept');
    await first.stop();
    // A later clock: the timer is due as soon as the second host starts.
    const second = await startTestHost({
      dataDir,
      clock: { kind: 'manual', startAt: Date.parse('2026-01-01T01:00:00Z') },
    });
    try {
      expect((await second.client.waitForCompletion(id, { timeoutMs: 10_000 })).output).toBe('kept');
    } finally {
      await second.stop();
    }
  });
});

async function waitUntil(check: () => Promise<boolean | undefined>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}
