// The burst driver: starts the next due burst (one at a time), stops one past its deadline, skips one due too late,
// raises "operations done" with every burst's record once all have an outcome, leaves stopped scenarios alone, and
// goes on past a scenario it cannot drive.
import { BURSTS_ENTITY_NAME, OPERATIONS_DONE_EVENT, type BurstsEntityState } from '../../contract/bursts';
import { SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { EntitySignal } from '../../contract/entities';
import { applyBurstsOperation, initialBurstsState } from '../../entities/bursts-state';
import { onBurstDriver } from '../../triggers/burst-driver';
import type { InstanceSummary } from '../../triggers/durable-client-port';

const t = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00.000Z`);

function world(ids: string[]) {
  const entities = new Map<string, BurstsEntityState>();
  const raised: { instanceId: string; data: any }[] = [];
  const starts: { scenarioId: string; burst?: number }[] = [];
  const stops: string[] = [];
  const instances: InstanceSummary[] = ids.map((instanceId) => ({
    instanceId,
    name: SCENARIO_ORCHESTRATION,
    runtimeStatus: 'Running',
    customStatus: { step: 'operate', phase: 'operate', waitingFor: OPERATIONS_DONE_EVENT },
  }));
  const client = {
    listActive: async (name: string) => (name === SCENARIO_ORCHESTRATION ? instances : []),
    readEntity: async <T>(name: string, key: string) =>
      (name === BURSTS_ENTITY_NAME ? entities.get(key) : undefined) as T | undefined,
    // Signals apply at once here; the entity reducer is the real one.
    signal: async (s: EntitySignal) => {
      const state = entities.get(s.entity.key) ?? initialBurstsState(s.entity.key);
      entities.set(s.entity.key, applyBurstsOperation(state, { type: s.operation, ...s.input } as never));
    },
    raiseEvent: async (instanceId: string, _name: string, data: unknown) =>
      void raised.push({ instanceId, data }),
  };
  const register = (instanceId: string, fireAt: string[]) =>
    client.signal({
      entity: { name: BURSTS_ENTITY_NAME, key: instanceId },
      operation: 'register',
      input: {
        scenario: { runId: 'run-1', scenarioId: instanceId.split(':')[1]!, createdAt: 'x', expiresAt: 'y' },
        principal: { appId: 'app', secretName: 'secret' },
        deadlineMinutes: 20,
        crashRetries: 1,
        latestBurstStart: '2026-12-07T12:00:00.000Z',
        fireAt,
      },
    } as EntitySignal);
  const options = (now: Date) => ({
    client,
    now,
    startAgentJob: async (input: { scenarioId: string; burst?: number }) => {
      if (input.scenarioId === 'broken') throw new Error('ARM answered 500');
      starts.push({ scenarioId: input.scenarioId, burst: input.burst });
      return { executionName: `exec-${input.scenarioId}-${input.burst}` };
    },
    stopAgentJob: async ({ executionName }: { executionName: string }) => {
      stops.push(executionName);
      return { stopped: true };
    },
  });
  return { entities, raised, starts, stops, client, register, options, instances };
}

describe('burst driver', () => {
  it('starts each burst when due, one at a time, and raises operations done with every record', async () => {
    const w = world(['run-1:a']);
    await w.register('run-1:a', [
      '2026-12-07T07:00:00.000Z',
      '2026-12-07T07:10:00.000Z',
      '2026-12-07T13:00:00.000Z',
    ]);
    const tick = (at: string) => onBurstDriver(w.options(t(at)) as never);
    await tick('06:59');
    expect(w.starts).toEqual([]);
    await tick('07:00');
    await tick('07:15'); // burst 0 still running (within its deadline): burst 1, due, waits
    expect(w.starts).toEqual([{ scenarioId: 'a', burst: 0 }]);
    await w.client.signal({
      entity: { name: BURSTS_ENTITY_NAME, key: 'run-1:a' },
      operation: 'outcome',
      input: { burst: 0, at: '2026-12-07T07:10:00.000Z', succeeded: true, executionName: 'exec-a-0' },
    } as EntitySignal);
    await tick('07:16');
    expect(w.starts.map((s) => s.burst)).toEqual([0, 1]);
    // Burst 1 misses its 20-minute deadline: stopped, timed out, and the burst after it skipped.
    await tick('07:35');
    expect(w.stops).toEqual([]);
    await tick('07:37');
    expect(w.stops).toEqual(['exec-a-1']);
    expect(w.raised).toEqual([]);
    await tick('07:38');
    expect(w.raised).toHaveLength(1);
    expect(w.raised[0]!.data.bursts.map((b: any) => b.status)).toEqual(['succeeded', 'timedOut', 'skipped']);
    expect(w.raised[0]!.data.bursts[1].error).toMatch(/exec-a-1 did not report .* within 20 min \(stopped\)/);
    // Raised once: the orchestration still shows it waits until its episode ends, and each extra event costs history.
    await tick('07:39');
    expect(w.raised).toHaveLength(1);
  });

  it('skips a burst due after the last start time, and leaves a cancelled or unregistered scenario alone', async () => {
    const w = world(['run-1:late', 'run-1:cancelled', 'run-1:unregistered']);
    await w.register('run-1:late', ['2026-12-07T12:30:00.000Z']);
    await w.register('run-1:cancelled', ['2026-12-07T07:00:00.000Z']);
    await w.client.signal({
      entity: { name: BURSTS_ENTITY_NAME, key: 'run-1:cancelled' },
      operation: 'cancel',
      input: {},
    } as EntitySignal);
    await onBurstDriver(w.options(t('12:31')) as never);
    expect(w.starts).toEqual([]);
    expect(w.entities.get('run-1:late')!.bursts[0]).toMatchObject({
      status: 'skipped',
      error: 'no time left before the run expires',
    });
  });

  it('goes on past a scenario whose start fails, counts it, and gives its burst up after a while', async () => {
    const w = world(['run-1:broken', 'run-1:fine']);
    await w.register('run-1:broken', ['2026-12-07T07:00:00.000Z']);
    await w.register('run-1:fine', ['2026-12-07T07:00:00.000Z']);
    const first = await onBurstDriver(w.options(t('07:01')) as never);
    expect(first.failed.map((f) => f.instanceId)).toEqual(['run-1:broken']);
    expect(w.starts).toEqual([{ scenarioId: 'fine', burst: 0 }]);
    await onBurstDriver(w.options(t('07:06')) as never);
    expect(w.entities.get('run-1:broken')!.bursts[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/could not start the agent job for the operate burst 0: ARM answered 500/),
    });
  });
});
