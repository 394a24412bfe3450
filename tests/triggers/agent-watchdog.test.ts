// The agent watchdog decides "crashed" only for an execution that ended (Failed, Stopped, gone) without its agent
// reporting, after a grace period, and tells the waiting orchestration once.
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { OPERATIONS_DONE_EVENT } from '../../contract/bursts';
import { SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { DurableClientPort, InstanceSummary } from '../../triggers/durable-client-port';
import { onAgentWatchdog, type WatchdogMemory } from '../../triggers/agent-watchdog';

const RUN = '7d3c1e52-0b7a-4f3e-9d55-0d6f2a8a1c11';

function world(statuses: Record<string, string | undefined>, instances: InstanceSummary[]) {
  const raised: { instanceId: string; eventName: string; data: any }[] = [];
  const client: Pick<DurableClientPort, 'listActive' | 'raiseEvent'> = {
    raiseEvent: async (instanceId, eventName, data) => void raised.push({ instanceId, eventName, data }),
    listActive: async (name) => (name === SCENARIO_ORCHESTRATION ? instances : []),
  };
  const executions = {
    status: async (name: string) =>
      statuses[name] === undefined
        ? { found: false as const }
        : { found: true as const, status: statuses[name]! },
  };
  return { client, executions, raised, audit: createMemoryAuditStore(), memory: new Map() as WatchdogMemory };
}

const waiting = (scenarioId: string, executionName: string, extra: Record<string, unknown> = {}) => ({
  instanceId: `${RUN}:${scenarioId}`,
  name: SCENARIO_ORCHESTRATION,
  runtimeStatus: 'Running',
  customStatus: {
    step: 'deploy',
    phase: 'deploy',
    waitingFor: 'agent:deploy',
    executionName,
    attempt: 1,
    ...extra,
  },
});

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 6, minutes));

describe('agent watchdog', () => {
  it('raises crashed for a Failed execution once the grace period passed, once', async () => {
    const w = world({ 'exec-a': 'Failed', 'exec-b': 'Running' }, [
      waiting('a', 'exec-a'),
      waiting('b', 'exec-b'),
    ]);
    const tick = (minute: number) => onAgentWatchdog({ ...w, graceMs: 120_000, now: at(minute) });
    expect((await tick(0)).crashed).toEqual([]);
    expect((await tick(1)).crashed).toEqual([]);
    expect((await tick(2)).crashed).toHaveLength(1);
    expect((await tick(3)).crashed).toEqual([]);
    expect(w.raised).toEqual([
      {
        instanceId: `${RUN}:a`,
        eventName: 'agent:deploy',
        data: expect.objectContaining({
          crashed: true,
          succeeded: false,
          executionName: 'exec-a',
          phase: 'deploy',
        }),
      },
    ]);
    const trail = await w.audit.listEvents(RUN);
    expect(trail.map((e) => [e.type, e.scenarioId, e.data.executionName])).toEqual([
      ['agent_job_crashed', 'a', 'exec-a'],
    ]);
  });

  it('treats a Stopped or vanished execution as crashed, and leaves Succeeded and Running alone', async () => {
    const w = world({ s: 'Stopped', ok: 'Succeeded', run: 'Processing' }, [
      waiting('stopped', 's'),
      waiting('gone', 'never-listed'),
      waiting('succeeded', 'ok'),
      waiting('running', 'run'),
    ]);
    await onAgentWatchdog({ ...w, graceMs: 0, now: at(0) });
    expect(w.raised.map((r) => [r.instanceId.split(':')[1], r.data.error])).toEqual([
      ['stopped', 'execution s ended Stopped without reporting'],
      ['gone', 'execution never-listed is gone without reporting'],
    ]);
  });

  it('does not call a Failed execution crashed when its agent reported the phase (a failed phase exits non-zero)', async () => {
    const w = world({ 'exec-f': 'Failed', 'exec-o': 'Failed' }, [
      waiting('failedphase', 'exec-f'),
      waiting('burst', 'exec-o', {
        phase: 'operate',
        step: 'operate',
        burst: 1,
        waitingFor: 'agent:operate:1',
      }),
    ]);
    const report = (scenarioId: string, phase: string, burst?: number) =>
      w.audit.recordEvent({
        eventId: `e-${scenarioId}`,
        runId: RUN,
        scenarioId,
        type: 'phase_failed',
        source: 'agent',
        phase,
        ...(burst !== undefined ? { burst } : {}),
        timestamp: at(0).toISOString(),
        data: {},
      });
    await report('failedphase', 'deploy');
    await report('burst', 'operate', 0); // another burst's report does not count for burst 1
    await onAgentWatchdog({ ...w, graceMs: 0, now: at(5) });
    expect(w.raised.map((r) => r.instanceId.split(':')[1])).toEqual(['burst']);
  });

  it('ignores orchestrations that wait on nothing or have not started their job yet', async () => {
    const w = world({}, [
      {
        instanceId: `${RUN}:x`,
        name: SCENARIO_ORCHESTRATION,
        runtimeStatus: 'Running',
        customStatus: { step: 'verifyCleanup' },
      },
      waiting('starting', undefined as unknown as string),
    ]);
    expect(await onAgentWatchdog({ ...w, graceMs: 0, now: at(0) })).toEqual({
      watched: 0,
      crashed: [],
      failed: [],
    });
  });

  it('goes on past a wait it cannot check or tell, counts it, and tries it again next tick', async () => {
    const w = world({ 'exec-c': 'Failed', 'exec-r': 'Failed' }, [
      waiting('armerror', 'exec-a'),
      waiting('raisefails', 'exec-r'),
      waiting('crashed', 'exec-c'),
    ]);
    const status = w.executions.status;
    w.executions.status = async (name: string) => {
      if (name === 'exec-a') throw new Error('ARM answered 500 InternalServerError');
      return status(name);
    };
    let raiseFailures = 1;
    const raise = w.client.raiseEvent;
    w.client.raiseEvent = async (instanceId, eventName, data) => {
      if (instanceId.endsWith(':raisefails') && raiseFailures-- > 0) throw new Error('the task hub refused');
      return raise(instanceId, eventName, data);
    };
    const logs: string[] = [];
    const first = await onAgentWatchdog({ ...w, graceMs: 0, now: at(0), log: (m) => logs.push(m) });
    expect(first.crashed.map((c) => c.executionName)).toEqual(['exec-c']);
    expect(first.failed.map((f) => [f.executionName, f.error])).toEqual([
      ['exec-a', 'ARM answered 500 InternalServerError'],
      ['exec-r', 'the task hub refused'],
    ]);
    expect(logs.filter((l) => l.includes('could not check'))).toHaveLength(2);
    const second = await onAgentWatchdog({ ...w, graceMs: 0, now: at(1) });
    expect(second.crashed.map((c) => c.executionName)).toEqual(['exec-r']);
    expect(w.raised.map((r) => r.data.executionName)).toEqual(['exec-c', 'exec-r']);
  });

  it('reads the bursts of thousands of scenarios a few at a time (unbounded, s3000 ran out of sockets)', async () => {
    const instances = Array.from({ length: 200 }, (_, i) => ({
      instanceId: `${RUN}:scenario-${i}`,
      name: SCENARIO_ORCHESTRATION,
      runtimeStatus: 'Running',
      customStatus: { step: 'operate', waitingFor: OPERATIONS_DONE_EVENT },
    }));
    const w = world({}, instances);
    let inFlight = 0;
    let most = 0;
    const client = {
      ...w.client,
      signal: async () => undefined,
      readEntity: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return { bursts: [] };
      },
    } as unknown as Pick<DurableClientPort, 'listActive' | 'raiseEvent'>;
    const result = await onAgentWatchdog({ ...w, client, graceMs: 0, now: at(0) });
    expect(result.failed).toEqual([]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
  });
});
