import { EmbeddedHost } from '../../embedded-host';
import { eventually, startTestHost } from './start-test-host';

describe('embedded host: orchestration actions', () => {
  let host: EmbeddedHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(async () => {
    await host.stop();
  });

  it('runs activities in sequence and records every history event kind of an activity', async () => {
    const id = await host.client.startNew('sequence', { input: ['a', 'b', 'c'] });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.runtimeStatus).toBe('Completed');
    expect(done.output).toEqual(['a', 'b', 'c']);
    const status = await host.client.getStatus(id, { showHistory: true });
    const kinds = new Set(status?.historyEvents?.map((e) => e.EventType));
    for (const kind of [
      'ExecutionStarted',
      'OrchestratorStarted',
      'TaskScheduled',
      'TaskCompleted',
      'OrchestratorCompleted',
      'ExecutionCompleted',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(host.client.stats(id)?.replayEpisodes).toBe(4);
  });

  it('fans out 1000 activities with Task.all and sums their results', async () => {
    const id = await host.client.startNew('fanOut', { input: 1000 });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 30_000 });
    expect(done.output).toBe(999 * 1000);
  });

  it('retries a failing activity until it succeeds, waiting on durable retry timers', async () => {
    const id = await host.client.startNew('retryFlaky', { input: { key: 'r1', failures: 2, attempts: 3 } });
    // Each failure waits a 1 s retry timer on the manual clock.
    for (let i = 0; i < 2; i++) {
      await eventually(
        async () =>
          ((await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.filter(
            (e) => e.EventType === 'TimerCreated',
          ).length ?? 0) > i || undefined,
      );
      await host.clock.advance(1000);
    }
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe('ok after 3');
    const history = (await host.client.getStatus(id, { showHistory: true }))?.historyEvents ?? [];
    expect(history.filter((e) => e.EventType === 'TaskFailed')).toHaveLength(2);
    expect(history.filter((e) => e.EventType === 'TimerFired')).toHaveLength(2);
  });

  it('gives up after the last retry attempt and surfaces the failure to the orchestrator', async () => {
    const id = await host.client.startNew('retryFlaky', { input: { key: 'r2', failures: 10, attempts: 2 } });
    for (let i = 0; i < 2; i++) {
      await eventually(
        async () =>
          ((await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.filter(
            (e) => e.EventType === 'TimerCreated',
          ).length ?? 0) > i || undefined,
      );
      await host.clock.advance(1000);
    }
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toMatch(/^gave up: .*flaky attempt 2 failed/);
  });

  it('lets an external event win the race against a timer', async () => {
    const id = await host.client.startNew('timerVsEvent', { input: { timerMs: 3_600_000 } });
    await eventually(async () => (await host.client.stats(id))?.replayEpisodes || undefined);
    await host.client.raiseEvent(id, 'go', { ok: 1 });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toEqual({ winner: 'event', data: { ok: 1 } });
  });

  it('lets a timer win the race against an external event', async () => {
    const id = await host.client.startNew('timerVsEvent', { input: { timerMs: 3_600_000 } });
    await eventually(async () => (await host.client.stats(id))?.replayEpisodes || undefined);
    await host.clock.advance(3_600_000);
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toEqual({ winner: 'timer' });
  });

  it('keeps an event that arrives before the orchestrator waits for it', async () => {
    const id = await host.client.startNew('earlyEvent');
    await eventually(async () =>
      (await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'TimerCreated',
      )
        ? true
        : undefined,
    );
    await host.client.raiseEvent(id, 'go', 'early bird');
    await eventually(async () =>
      (await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'EventRaised',
      )
        ? true
        : undefined,
    );
    await host.clock.advance(60_000);
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe('early bird');
  });

  it('runs sub-orchestrations with explicit ids and reports a failed child as an error', async () => {
    const done = await host.client.waitForCompletion(
      await host.client.startNew('parent', { instanceId: 'p1' }),
      { timeoutMs: 10_000 },
    );
    expect(done.output).toEqual({ child: ['x', 'y'], failed: 1 });
    expect((await host.client.getStatus('p1:child'))?.runtimeStatus).toBe('Completed');
    expect((await host.client.getStatus('p1:failing'))?.runtimeStatus).toBe('Failed');
    const history = (await host.client.getStatus('p1', { showHistory: true }))?.historyEvents ?? [];
    expect(history.map((e) => e.EventType)).toEqual(
      expect.arrayContaining([
        'SubOrchestrationInstanceCreated',
        'SubOrchestrationInstanceCompleted',
        'SubOrchestrationInstanceFailed',
      ]),
    );
  });

  it('gathers the results of many children into few replays of a long history', async () => {
    // 600 children put 600 events into the parent's history before any of them answers, and they answer one after
    // another: taking their results a few per episode would replay that history a hundred times.
    const id = await host.client.startNew('fanOutChildren', { input: 600 });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 60_000 });
    // sequentialN(k) returns 2 * (0 + … + k-1) = k(k-1); 30 children of each k from 1 to 20.
    expect(done.output).toBe(30 * Array.from({ length: 20 }, (_, i) => (i + 1) * i).reduce((a, b) => a + b));
    expect(host.client.stats(id)?.replayEpisodes).toBeLessThanOrEqual(10);
  });

  it('calls and signals an entity and publishes custom status', async () => {
    const id = await host.client.startNew('entityFlow', { input: 'e1' });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe(6);
    expect(done.customStatus).toEqual({ stage: 'done' });
    const history = (await host.client.getStatus(id, { showHistory: true }))?.historyEvents ?? [];
    expect(history.filter((e) => e.EventType === 'EventSent')).toHaveLength(3);
    expect(await host.client.readEntityState({ name: 'counter', key: 'e1' })).toEqual({
      entityExists: true,
      entityState: 6,
    });
  });

  it('counts every one of many concurrent entity signals', async () => {
    await Promise.all(
      Array.from({ length: 200 }, () => host.client.signalEntity({ name: 'counter', key: 'busy' }, 'add', 1)),
    );
    const state = await eventually(async () => {
      const s = await host.client.readEntityState<number>({ name: 'counter', key: 'busy' });
      return s.entityState === 200 ? s : undefined;
    });
    expect(state.entityState).toBe(200);
  });

  it('continues as new with fresh history until the loop ends', async () => {
    const id = await host.client.startNew('loop', { input: 0 });
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe('finished at 3');
    const history = (await host.client.getStatus(id, { showHistory: true }))?.historyEvents ?? [];
    expect(history.filter((e) => e.EventType === 'ExecutionStarted')).toHaveLength(1);
  });

  it('queries instances by status and creation time', async () => {
    const waiting = await host.client.startNew('waitForever', { instanceId: 'query-me' });
    await eventually(async () =>
      (await host.client.getStatus(waiting))?.runtimeStatus === 'Running' ? true : undefined,
    );
    const running = await host.client.listInstances({ runtimeStatus: ['Running'] });
    expect(running.map((s) => s.instanceId)).toContain('query-me');
    const future = await host.client.listInstances({ createdTimeFrom: new Date(host.clock.now() + 1000) });
    expect(future).toHaveLength(0);
    await host.client.terminate(waiting, 'cleanup');
  });

  it('fires a 30-day timer as one durable timer under schema V3', async () => {
    const id = await host.client.startNew('longTimer', { input: 30 });
    await eventually(async () =>
      (await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'TimerCreated',
      )
        ? true
        : undefined,
    );
    const before = host.clock.now();
    await host.clock.advance(30 * 24 * 3600 * 1000);
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(Date.parse(String(done.output))).toBeGreaterThanOrEqual(before + 30 * 24 * 3600 * 1000);
  });

  it('retries a failed sub-orchestration under the same explicit instance id', async () => {
    const id = await host.client.startNew('subRetry', { instanceId: 'sr', input: 'sub-key' });
    await eventually(async () =>
      (await host.client.getStatus(id, { showHistory: true }))?.historyEvents?.some(
        (e) => e.EventType === 'TimerCreated',
      )
        ? true
        : undefined,
    );
    await host.clock.advance(500);
    const done = await host.client.waitForCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe('ok after 2');
    expect((await host.client.getStatus('sr:c'))?.runtimeStatus).toBe('Completed');
  });
});

describe('embedded host: unsupported actions', () => {
  it('fails an orchestration that uses callHttp with a message saying what to do instead', async () => {
    const host = await startTestHost();
    try {
      const done = await host.client.waitForCompletion(await host.client.startNew('httpCaller'), {
        timeoutMs: 10_000,
      });
      expect(done.runtimeStatus).toBe('Failed');
      expect(String(done.output)).toMatch(/callHttp.*activity instead/);
    } finally {
      await host.stop();
    }
  });
});

describe('embedded host: activity concurrency', () => {
  it('never runs more activities at once than the configured limit', async () => {
    const host = await startTestHost({ activityConcurrency: 4 });
    try {
      const done = await host.client.waitForCompletion(await host.client.startNew('probeFanOut'), {
        timeoutMs: 10_000,
      });
      expect(done.output).toBe(4);
    } finally {
      await host.stop();
    }
  });
});
