// Trigger logic through the embedded host: its durable client behind the same port the app uses, and the agent
// event trigger fed through the host's Service Bus source.
import type { EmbeddedDurableClient } from '../../embedded-host';
import { RUN_ENTITY_NAME, type RunEntityState } from '../../contract/entities';
import { STATUS_ENTITY_KEY, STATUS_ENTITY_NAME, type StatusEntityState } from '../../contract/entities';
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import { onAgentEvent, InvalidAgentEventError } from '../../triggers/agent-events';
import type { DurableClientPort } from '../../triggers/durable-client-port';
import { onJanitorTimer } from '../../triggers/janitor-timer';
import { onDemandRunInstanceId, scheduledRunInstanceId, scheduleSlot } from '../../triggers/run-instance-id';
import { onRunTimer } from '../../triggers/run-timer';
import { startRun } from '../../triggers/start-run';
import { runShort } from '../../core/naming';
import { drive, startHarness, type Harness } from '../orchestrations/host-harness';

function port(client: EmbeddedDurableClient): DurableClientPort {
  return {
    startNew: (name, options) => client.startNew(name, options),
    getStatus: async (id) => {
      const s = await client.getStatus(id);
      return s
        ? {
            instanceId: s.instanceId,
            name: s.name,
            runtimeStatus: s.runtimeStatus,
            customStatus: s.customStatus,
          }
        : undefined;
    },
    raiseEvent: (id, name, data) => client.raiseEvent(id, name, data),
    signal: (s) => client.signalEntity(s.entity, s.operation, s.input),
    listActive: async (name) =>
      (await client.listInstances({ runtimeStatus: ['Running', 'Pending'] }))
        .filter((s) => s.name === name)
        .map((s) => ({ instanceId: s.instanceId, name: s.name, runtimeStatus: s.runtimeStatus })),
  };
}

const CRON = '0 0 0,6,12,18 * * *';

describe('startRun', () => {
  const recorder = () => {
    const started: { name: string; options: { instanceId: string; input?: unknown } }[] = [];
    return {
      started,
      client: {
        startNew: async (name: string, options: { instanceId: string; input?: unknown }) => {
          started.push({ name, options });
          return options.instanceId;
        },
      },
    };
  };

  it('makes an on-demand run id from the start time, different for every call, and starts the run with the request', async () => {
    const { started, client } = recorder();
    const at = new Date('2026-11-23T06:00:00Z');
    const first = await startRun(client, { trigger: 'cli', size: 'small' }, { now: at });
    const second = await startRun(client, { trigger: 'api' }, { now: at });
    expect(first).toMatch(/^[0-9a-f]{8}-20261123T060000Z$/);
    expect(runShort(second)).not.toBe(runShort(first));
    expect(started).toEqual([
      { name: RUN_ORCHESTRATION, options: { instanceId: first, input: { trigger: 'cli', size: 'small' } } },
      { name: RUN_ORCHESTRATION, options: { instanceId: second, input: { trigger: 'api' } } },
    ]);
  });

  it('uses the run id it is given', async () => {
    const { started, client } = recorder();
    const runId = await startRun(client, { trigger: 'cli' }, { now: new Date(), runId: 'given-id' });
    expect(runId).toBe('given-id');
    expect(started[0]!.options.instanceId).toBe('given-id');
  });
});

describe('run instance ids', () => {
  it('derives the same id for every fire of one schedule slot and different run short names per slot', () => {
    const slot = scheduleSlot(CRON, new Date('2026-11-23T06:00:00.250Z'), '2026-11-23T12:00:00.000Z');
    expect(slot.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(scheduleSlot(CRON, new Date('2026-11-23T06:00:03Z')).toISOString()).toBe(
      '2026-11-23T06:00:00.000Z',
    );
    const ids = ['00', '06', '12', '18'].map((hh) =>
      scheduledRunInstanceId(new Date(`2026-11-23T${hh}:00:00Z`)),
    );
    expect(new Set(ids.map(runShort)).size).toBe(4);
    expect(scheduledRunInstanceId(slot)).toBe(ids[1]);
    expect(ids[1]).toMatch(/^[0-9a-f]{8}-20261123T060000Z$/);
  });

  it('gives on-demand runs in the same second different run short names', () => {
    const at = new Date('2026-11-23T09:30:00Z');
    expect(runShort(onDemandRunInstanceId(at, 'req-1'))).not.toBe(
      runShort(onDemandRunInstanceId(at, 'req-2')),
    );
    expect(onDemandRunInstanceId(at, 'req-1')).toBe(onDemandRunInstanceId(at, 'req-1'));
  });
});

describe('triggers on the embedded host', () => {
  let h: Harness;
  let client: DurableClientPort;
  beforeAll(async () => {
    h = await startHarness();
    client = port(h.host.client);
    h.world.selectScenarios = [];
  });
  afterAll(async () => {
    await h.stop();
  });

  it('starts one run for a schedule slot however often the timer fires and records the next slot', async () => {
    const options = {
      client,
      scheduleCron: CRON,
      now: new Date('2026-11-23T12:00:00.100Z'),
      next: '2026-11-23T18:00:00.000Z',
    };
    const first = await onRunTimer(options);
    const second = await onRunTimer({ ...options, now: new Date('2026-11-23T12:00:01Z') });
    expect(first).toMatchObject({ started: true, nextScheduledRun: '2026-11-23T18:00:00.000Z' });
    expect(second).toEqual({ ...first, started: false });
    const runs = (await h.host.client.listInstances({})).filter(
      (s) => s.name === RUN_ORCHESTRATION && s.instanceId === first.instanceId,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.input).toEqual({ trigger: 'timer' });
    await drive(h, first.instanceId);
    const status = await h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.nextScheduledRun).toBe('2026-11-23T18:00:00.000Z');
  });

  it('dead-letters an invalid event with the reason and raises nothing', async () => {
    h.bus.send('agent-events', { eventId: 'bad-1', type: 'phase_completed', runId: 'r', phase: 'deploy' });
    h.bus.send('agent-events', 'not json');
    const deadline = Date.now() + 5000;
    while (h.bus.deadLetters.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(h.bus.deadLetters.map((d) => d.reason)).toEqual([
      expect.stringMatching(/invalid agent event.*scenarioId.*timestamp/),
      expect.stringMatching(/not JSON/),
    ]);
    await expect(onAgentEvent({ eventId: 'x' }, { client })).rejects.toBeInstanceOf(InvalidAgentEventError);
  });

  it('treats a completion event for a finished scenario as late and changes nothing', async () => {
    const runId = 'late0001-run';
    const instanceId = `${runId}:compute-09-late`;
    h.world.scripts.set('compute-09-late', {});
    await h.host.client.startNew(SCENARIO_ORCHESTRATION, {
      instanceId,
      input: {
        runId,
        scenarioId: 'compute-09-late',
        seed: 's',
        createdAt: new Date(h.host.clock.now()).toISOString(),
        expiresAt: new Date(h.host.clock.now() + 12 * 3_600_000).toISOString(),
        settings: {
          subscriptionId: 's',
          location: 'eastus',
          operationsWindowMinutes: 60,
          operationBursts: 1,
          rolePropagationSeconds: 60,
          phaseDeadlineMinutes: 60,
          burstDeadlineMinutes: 20,
          runExpiryHours: 12,
        },
      },
    });
    const before = await drive(h, instanceId);
    const historyBefore = h.host.client.stats(instanceId)!.historyLength;
    const disposition = await onAgentEvent(
      {
        eventId: 'late-1',
        type: 'phase_completed',
        runId,
        scenarioId: 'compute-09-late',
        phase: 'deploy',
        timestamp: '2026-11-23T07:00:00Z',
        data: {},
      },
      { client },
    );
    expect(disposition).toBe('late');
    expect(h.host.client.stats(instanceId)!.historyLength).toBe(historyBefore);
    expect((await h.host.client.getStatus(instanceId))!.output).toEqual(before.output);
  });

  it('records resource events in the run ledger', async () => {
    const runId = 'ledger01-run';
    const event = (eventId: string, type: string, resourceId: string) => ({
      eventId,
      type,
      runId,
      scenarioId: 'compute-10-ledger',
      phase: 'deploy',
      timestamp: '2026-11-23T07:00:00Z',
      data: { resourceId },
    });
    expect(
      await onAgentEvent(event('r1', 'resource_created', '/subscriptions/s/resourceGroups/a'), { client }),
    ).toBe('recorded');
    await onAgentEvent(event('r2', 'resource_created', '/subscriptions/s/resourceGroups/b'), { client });
    await onAgentEvent(event('r3', 'resource_deleted', '/subscriptions/s/resourceGroups/a'), { client });
    await expect(
      onAgentEvent({ ...event('r4', 'resource_created', ''), data: {} }, { client }),
    ).rejects.toThrow(/no data.resourceId/);
    const deadline = Date.now() + 5000;
    let state: RunEntityState | undefined;
    while (Date.now() < deadline) {
      state = (await h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId }))
        .entityState;
      if (state?.scenarios['compute-10-ledger']?.deleted.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(state?.scenarios['compute-10-ledger']).toMatchObject({
      created: ['/subscriptions/s/resourcegroups/a', '/subscriptions/s/resourcegroups/b'],
      deleted: ['/subscriptions/s/resourcegroups/a'],
    });
  });

  it('passes the janitor the runs still running and marks swept runs terminated', async () => {
    await h.host.client.signalEntity({ name: STATUS_ENTITY_NAME, key: STATUS_ENTITY_KEY }, 'runStarted', {
      runId: 'gone0001-run',
      startedAt: '2026-11-23T18:00:00.000Z',
    });
    const inputs: unknown[] = [];
    const result = await onJanitorTimer({
      client,
      dryRun: false,
      now: new Date('2026-11-24T00:00:00Z'),
      sweep: async (input) => {
        inputs.push(input);
        return {
          dryRun: false,
          findings: [
            {
              kind: 'resourceGroup',
              id: '/subscriptions/s/resourceGroups/x',
              runId: 'gone0001-run',
              reason: 'runNotRunning',
            },
          ],
          removed: ['/subscriptions/s/resourceGroups/x'],
          failed: [],
        };
      },
    });
    expect(result.removed).toHaveLength(1);
    expect(inputs).toEqual([{ now: '2026-11-24T00:00:00.000Z', runningRunIds: [], dryRun: false }]);
    const deadline = Date.now() + 5000;
    let phase: string | undefined;
    while (Date.now() < deadline && phase !== 'terminated') {
      phase = (
        await h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: 'gone0001-run' })
      ).entityState?.phase;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(phase).toBe('terminated');
    const status = await h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.lastRun).toMatchObject({ runId: 'gone0001-run', status: 'terminated' });
  });

  it('marks a swept run that had failed as failed, not terminated', async () => {
    const runId = 'fail0001-run';
    h.host.injectEpisodeFault({
      matches: (e) => e.instanceId === runId,
      message: 'scripted run orchestrator defect',
    });
    await h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'api' } });
    expect((await h.host.client.waitForCompletion(runId, { timeoutMs: 5000 })).runtimeStatus).toBe('Failed');
    const reports: unknown[] = [];
    await onJanitorTimer({
      client,
      dryRun: false,
      now: new Date('2026-11-24T01:00:00Z'),
      sweep: async () => ({
        dryRun: false,
        findings: [{ kind: 'secret', id: 'scenario-sp-x-fail0001-secret', runId, reason: 'runNotRunning' }],
        removed: ['scenario-sp-x-fail0001-secret'],
        failed: [],
      }),
      writeReport: async (input) => reports.push(input),
    });
    expect(reports).toEqual([{ runId, stoppedAs: 'failed' }]);
    const deadline = Date.now() + 5000;
    let run: RunEntityState | undefined;
    while (Date.now() < deadline && run?.phase !== 'failed') {
      run = (await h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId }))
        .entityState;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(run).toMatchObject({ phase: 'failed', cleanupVerified: false });
    expect(run?.errors.join(' ')).toContain('the run failed before it finished');
    const status = await h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.lastRun).toMatchObject({ runId, status: 'failed' });
  });

  it('leaves the report and records of a completed run alone when it removes its leftovers', async () => {
    const runId = 'done0001-run';
    h.world.selectScenarios = [];
    await h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'api' } });
    expect((await h.host.client.waitForCompletion(runId, { timeoutMs: 10_000 })).runtimeStatus).toBe(
      'Completed',
    );
    const lastRun = async () =>
      (
        await h.host.client.readEntityState<StatusEntityState>({
          name: STATUS_ENTITY_NAME,
          key: STATUS_ENTITY_KEY,
        })
      ).entityState?.lastRun;
    // Let the run's own entity signals land first.
    const settled = Date.now() + 5000;
    while (
      Date.now() < settled &&
      (await h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId })).entityState
        ?.phase !== 'failed'
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    const before = await lastRun();
    const reports: unknown[] = [];
    await onJanitorTimer({
      client,
      dryRun: false,
      now: new Date('2026-11-24T02:00:00Z'),
      sweep: async () => ({
        dryRun: false,
        findings: [
          {
            kind: 'resourceGroup',
            id: '/subscriptions/s/resourceGroups/late',
            runId,
            reason: 'runNotRunning',
          },
        ],
        removed: ['/subscriptions/s/resourceGroups/late'],
        failed: [],
      }),
      writeReport: async (input) => reports.push(input),
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(reports).toEqual([]);
    // The janitor's clock is later than any run here: a "runFinished terminated" for this run would replace lastRun.
    expect(await lastRun()).toEqual(before);
  });

  it('lists instead of deleting in dry-run and tells the activity so', async () => {
    const logs: string[] = [];
    const result = await onJanitorTimer({
      client,
      dryRun: true,
      now: new Date('2026-11-24T00:00:00Z'),
      log: (m) => logs.push(m),
      sweep: async (input) => ({
        dryRun: input.dryRun,
        findings: [{ kind: 'secret', id: 'scenario-sp-a-01-b-abcdefgh-secret', reason: 'expired' }],
        removed: [],
        failed: [],
      }),
    });
    expect(result.dryRun).toBe(true);
    expect(logs.join('\n')).toMatch(
      /would remove 1.*\n.*dry-run: secret scenario-sp-a-01-b-abcdefgh-secret \(expired\)/,
    );
  });
});
