// Run ids and starting a run: one id per schedule slot however often the timer fires, a distinct one per
// on-demand start, and startRun as the one way the API, the schedule and the CLI start the run orchestration.
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { runShort } from '../../core/naming';
import { onDemandRunInstanceId, scheduledRunInstanceId, scheduleSlot } from '../../triggers/run-instance-id';
import { startRun } from '../../triggers/start-run';

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
