// A scripted orchestrator failure (EmbeddedHost.injectEpisodeFault): the instance fails where the fault says, keeps
// what it had done, and a rewind resumes it from there instead of starting over.
import { startTestHost } from './start-test-host';

const sequenceActivities = (history: Record<string, unknown>[] | undefined) =>
  (history ?? []).filter((e) => e.EventType === 'TaskScheduled').length;

describe('embedded host: scripted orchestrator failures', () => {
  it('fails the episode that receives the named activity result, once, and a rewind resumes after it', async () => {
    const host = await startTestHost();
    try {
      host.injectEpisodeFault({
        matches: (e) =>
          e.orchestrationName === 'sequence' &&
          e.instanceId === 'ef-1' &&
          e.completedActivities.includes('echo'),
        message: 'scripted orchestrator failure',
      });
      await host.client.startNew('sequence', { instanceId: 'ef-1', input: ['a', 'b', 'c'] });
      const failed = await host.client.waitForCompletion('ef-1', { timeoutMs: 10_000 });
      expect(failed.runtimeStatus).toBe('Failed');
      expect(String(failed.output)).toContain('scripted orchestrator failure');
      const before = await host.client.getStatus('ef-1', { showHistory: true });
      // The first echo ran and its result is kept; nothing after it was scheduled.
      expect(sequenceActivities(before?.historyEvents)).toBe(1);
      expect(before?.historyEvents?.some((e) => e.EventType === 'TaskCompleted')).toBe(true);

      await host.client.rewind('ef-1', 'fixed');
      const done = await host.client.waitForCompletion('ef-1', { timeoutMs: 10_000 });
      expect(done.runtimeStatus).toBe('Completed');
      expect(done.output).toEqual(['a', 'b', 'c']);
      const after = await host.client.getStatus('ef-1', { showHistory: true });
      // Resumed, not restarted: three activities in all, the first one not scheduled a second time.
      expect(sequenceActivities(after?.historyEvents)).toBe(3);
    } finally {
      await host.stop();
    }
  });

  it('leaves instances the fault does not match alone', async () => {
    const host = await startTestHost();
    try {
      host.injectEpisodeFault({ matches: (e) => e.instanceId === 'someone-else', message: 'never' });
      await host.client.startNew('sequence', { instanceId: 'ef-2', input: ['x'] });
      expect((await host.client.waitForCompletion('ef-2', { timeoutMs: 10_000 })).runtimeStatus).toBe(
        'Completed',
      );
    } finally {
      await host.stop();
    }
  });
});
