// The run timer and the agent-events trigger through the embedded host: its durable client behind the same port the
// app uses, and agent events fed through the host's Service Bus source.
import type { RunEntityState, StatusEntityState } from '../../contract/entities';
import { STATUS_ENTITY_KEY, STATUS_ENTITY_NAME } from '../../contract/entities';
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import { onAgentEvent, InvalidAgentEventError } from '../../triggers/agent-events';
import { onRunTimer } from '../../triggers/run-timer';
import { drive, useHarness } from '../../testkit/orchestration-harness';
import { readerOf, readRunState } from '../../entities/read-run';

const CRON = '0 0 0,6,12,18 * * *';

describe('run timer and agent events on the embedded host', () => {
  const t = useHarness();

  it('starts one run for a schedule slot however often the timer fires and records the next slot', async () => {
    const options = {
      client: t.client,
      scheduleCron: CRON,
      now: new Date('2026-11-23T12:00:00.100Z'),
      next: '2026-11-23T18:00:00.000Z',
    };
    const first = await onRunTimer(options);
    const second = await onRunTimer({ ...options, now: new Date('2026-11-23T12:00:01Z') });
    expect(first).toMatchObject({ started: true, nextScheduledRun: '2026-11-23T18:00:00.000Z' });
    expect(second).toEqual({ ...first, started: false });
    const runs = (await t.h.host.client.listInstances({})).filter(
      (s) => s.name === RUN_ORCHESTRATION && s.instanceId === first.instanceId,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.input).toEqual({ trigger: 'timer' });
    await drive(t.h, first.instanceId);
    const status = await t.h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.nextScheduledRun).toBe('2026-11-23T18:00:00.000Z');
  });

  it('dead-letters an invalid event with the reason and raises nothing', async () => {
    t.h.bus.send('agent-events', { eventId: 'bad-1', type: 'phase_completed', runId: 'r', phase: 'deploy' });
    t.h.bus.send('agent-events', 'not json');
    const deadline = Date.now() + 5000;
    while (t.h.bus.deadLetters.length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(t.h.bus.deadLetters.map((d) => d.reason)).toEqual([
      expect.stringMatching(/invalid agent event.*scenarioId.*timestamp/),
      expect.stringMatching(/not JSON/),
    ]);
    await expect(onAgentEvent({ eventId: 'x' }, { client: t.client })).rejects.toBeInstanceOf(
      InvalidAgentEventError,
    );
  });

  it('treats a completion event for a finished scenario as late and changes nothing', async () => {
    const runId = 'late0001-run';
    const instanceId = `${runId}:compute-09-late`;
    t.h.world.scripts.set('compute-09-late', {});
    await t.h.host.client.startNew(SCENARIO_ORCHESTRATION, {
      instanceId,
      input: {
        runId,
        scenarioId: 'compute-09-late',
        seed: 's',
        createdAt: new Date(t.h.host.clock.now()).toISOString(),
        expiresAt: new Date(t.h.host.clock.now() + 12 * 3_600_000).toISOString(),
        settings: {
          subscriptionId: 's',
          location: 'eastus',
          operationsWindowMinutes: 60,
          operationBursts: 1,
          rolePropagationSeconds: 60,
          phaseDeadlineMinutes: 60,
          burstDeadlineMinutes: 20,
          phaseCrashRetries: 2,
          runExpiryHours: 12,
        },
      },
    });
    const before = await drive(t.h, instanceId);
    const historyBefore = t.h.host.client.stats(instanceId)!.historyLength;
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
      { client: t.client },
    );
    expect(disposition).toBe('late');
    expect(t.h.host.client.stats(instanceId)!.historyLength).toBe(historyBefore);
    expect((await t.h.host.client.getStatus(instanceId))!.output).toEqual(before.output);
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
      await onAgentEvent(event('r1', 'resource_created', '/subscriptions/s/resourceGroups/a'), {
        client: t.client,
      }),
    ).toBe('recorded');
    await onAgentEvent(event('r2', 'resource_created', '/subscriptions/s/resourceGroups/b'), {
      client: t.client,
    });
    await onAgentEvent(event('r3', 'resource_deleted', '/subscriptions/s/resourceGroups/a'), {
      client: t.client,
    });
    await expect(
      onAgentEvent({ ...event('r4', 'resource_created', ''), data: {} }, { client: t.client }),
    ).rejects.toThrow(/no data.resourceId/);
    const deadline = Date.now() + 5000;
    let state: RunEntityState | undefined;
    while (Date.now() < deadline) {
      state = await readRunState(readerOf(t.h.host.client), runId);
      if (state?.scenarios['compute-10-ledger']?.deleted.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(state?.scenarios['compute-10-ledger']).toMatchObject({
      created: ['/subscriptions/s/resourcegroups/a', '/subscriptions/s/resourcegroups/b'],
      deleted: ['/subscriptions/s/resourcegroups/a'],
    });
  });
});
