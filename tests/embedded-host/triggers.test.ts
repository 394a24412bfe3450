import { InMemoryServiceBus, startEmbeddedHost } from '../../embedded-host';
import { nextOccurrence, resolveSchedule } from '../../embedded-host/triggers/timer-trigger';
import { eventually, startTestHost } from './start-test-host';

describe('embedded host: timer and Service Bus triggers', () => {
  it('computes six-field NCRONTAB occurrences in UTC and resolves %SETTING% schedules', () => {
    const from = Date.parse('2026-01-01T00:10:00Z');
    expect(new Date(nextOccurrence('0 30 * * * *', from)).toISOString()).toBe('2026-01-01T00:30:00.000Z');
    expect(new Date(nextOccurrence('0 0 0,6,12,18 * * *', from)).toISOString()).toBe(
      '2026-01-01T06:00:00.000Z',
    );
    expect(() => nextOccurrence('*/5 * * * *', from)).toThrow(/six fields/);
    expect(resolveSchedule('%JANITOR%', { JANITOR: '0 30 * * * *' })).toBe('0 30 * * * *');
  });

  it('runs a timer function on startup and again when the host clock reaches its schedule', async () => {
    const host = await startTestHost();
    try {
      const ticks = async (): Promise<number> =>
        (await host.client.listInstances()).filter((s) => s.name === 'sequence').length;
      await eventually(async () => ((await ticks()) === 1 ? true : undefined));
      await host.clock.advance(60 * 60 * 1000);
      await eventually(async () => ((await ticks()) === 2 ? true : undefined));
    } finally {
      await host.stop();
    }
  });

  it('delivers queue messages to the Service Bus function and redelivers a message whose handler threw', async () => {
    const bus = new InMemoryServiceBus(2);
    const host = await startTestHost({ serviceBus: bus.factory() });
    try {
      const id = await host.client.startNew('waitForever', { instanceId: 'sb-1' });
      await eventually(async () =>
        (await host.client.getStatus(id))?.runtimeStatus === 'Running' ? true : undefined,
      );
      bus.send('agent-events', { instanceId: 'sb-1', data: 'refused', fail: true });
      await eventually(() => (bus.deadLetters.length === 1 ? true : undefined));
      expect(bus.deadLetters[0].message.deliveryCount).toBe(2);
      bus.send('agent-events', { instanceId: 'sb-1', data: 'from the queue' });
      expect((await host.client.waitForCompletion(id, { timeoutMs: 10_000 })).output).toBe('from the queue');
    } finally {
      await host.stop();
    }
  });

  it('rejects invalid host options naming each problem', async () => {
    await expect(
      startEmbeddedHost({
        appEntry: '',
        dataDir: '/tmp/x',
        port: 70000,
        clock: { kind: 'scaled', factor: 0 },
      }),
    ).rejects.toThrow(/appEntry.*port.*clock\.factor/);
  });
});
