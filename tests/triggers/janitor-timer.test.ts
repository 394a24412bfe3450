// The janitor timer through the embedded host: which runs count as running, what a swept run is recorded as, and
// dry-run.
import type { RunEntityState, StatusEntityState } from '../../contract/entities';
import { RUN_ENTITY_NAME, STATUS_ENTITY_KEY, STATUS_ENTITY_NAME } from '../../contract/entities';
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { signalIn } from '../../core/signals';
import { onJanitorTimer } from '../../triggers/janitor-timer';
import { useHarness } from '../../testkit/orchestration-harness';

describe('janitor timer on the embedded host', () => {
  const t = useHarness();

  it('passes the janitor the runs still running and marks swept runs terminated', async () => {
    await t.h.host.client.signalEntity({ name: STATUS_ENTITY_NAME, key: STATUS_ENTITY_KEY }, 'runStarted', {
      runId: 'gone0001-run',
      startedAt: '2026-11-23T18:00:00.000Z',
    });
    const inputs: unknown[] = [];
    const logs: string[] = [];
    const result = await onJanitorTimer({
      client: t.client,
      dryRun: false,
      log: (m) => logs.push(m),
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
    // The signals the alerts read: leftovers removed, and a run stopped outside the API.
    expect(logs.map(signalIn).filter(Boolean)).toEqual([
      { signal: 'janitor_removed', run_id: 'gone0001-run', scenario_id: null, detail: 1 },
      {
        signal: 'run_terminated',
        run_id: 'gone0001-run',
        scenario_id: null,
        detail: 'stopped outside the API',
      },
    ]);
    expect(inputs).toEqual([{ now: '2026-11-24T00:00:00.000Z', runningRunIds: [], dryRun: false }]);
    const deadline = Date.now() + 5000;
    let phase: string | undefined;
    while (Date.now() < deadline && phase !== 'terminated') {
      phase = (
        await t.h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: 'gone0001-run' })
      ).entityState?.phase;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(phase).toBe('terminated');
    const status = await t.h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.lastRun).toMatchObject({ runId: 'gone0001-run', status: 'terminated' });
  });

  it('marks a swept run that had failed as failed, not terminated', async () => {
    const runId = 'fail0001-run';
    t.h.host.injectEpisodeFault({
      matches: (e) => e.instanceId === runId,
      message: 'scripted run orchestrator defect',
    });
    await t.h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'api' } });
    expect((await t.h.host.client.waitForCompletion(runId, { timeoutMs: 5000 })).runtimeStatus).toBe(
      'Failed',
    );
    const reports: unknown[] = [];
    const logs: string[] = [];
    await onJanitorTimer({
      client: t.client,
      dryRun: false,
      log: (m) => logs.push(m),
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
    expect(logs.map(signalIn).filter((x) => x?.signal === 'run_failed')).toEqual([
      { signal: 'run_failed', run_id: runId, scenario_id: null, detail: 'failed before it finished' },
    ]);
    const deadline = Date.now() + 5000;
    let run: RunEntityState | undefined;
    while (Date.now() < deadline && run?.phase !== 'failed') {
      run = (await t.h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId }))
        .entityState;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(run).toMatchObject({ phase: 'failed', cleanupVerified: false });
    expect(run?.errors.join(' ')).toContain('the run failed before it finished');
    const status = await t.h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(status.entityState?.lastRun).toMatchObject({ runId, status: 'failed' });
  });

  it('leaves the report and records of a completed run alone when it removes its leftovers', async () => {
    const runId = 'done0001-run';
    t.h.world.selectScenarios = [];
    await t.h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'api' } });
    expect((await t.h.host.client.waitForCompletion(runId, { timeoutMs: 10_000 })).runtimeStatus).toBe(
      'Completed',
    );
    const lastRun = async () =>
      (
        await t.h.host.client.readEntityState<StatusEntityState>({
          name: STATUS_ENTITY_NAME,
          key: STATUS_ENTITY_KEY,
        })
      ).entityState?.lastRun;
    // Let the run's own entity signals land first.
    const settled = Date.now() + 5000;
    while (
      Date.now() < settled &&
      (await t.h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId }))
        .entityState?.phase !== 'failed'
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    const before = await lastRun();
    const reports: unknown[] = [];
    await onJanitorTimer({
      client: t.client,
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
      client: t.client,
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

  it('goes on recording the other swept runs when one run cannot be recorded, and counts it as failed', async () => {
    const logs: string[] = [];
    const reports: unknown[] = [];
    const client = {
      ...t.client,
      getStatus: async (id: string) => {
        if (id === 'bad00001-run') throw new Error('the task hub answered 503');
        return t.client.getStatus(id);
      },
    };
    const finding = (runId: string) => ({
      kind: 'secret' as const,
      id: `scenario-sp-x-${runId}-secret`,
      runId,
      reason: 'runNotRunning' as const,
    });
    const result = await onJanitorTimer({
      client,
      dryRun: false,
      log: (m) => logs.push(m),
      now: new Date('2026-11-24T02:00:00Z'),
      sweep: async () => ({
        dryRun: false,
        findings: [finding('bad00001-run'), finding('okay0001-run')],
        removed: [finding('bad00001-run').id, finding('okay0001-run').id],
        failed: [],
      }),
      writeReport: async (input) => reports.push(input),
    });
    expect(result.failed).toEqual([
      { id: 'bad00001-run', error: 'could not record that the run stopped: the task hub answered 503' },
    ]);
    expect(reports).toEqual([{ runId: 'okay0001-run', stoppedAs: 'terminated' }]);
    expect(logs).toContainEqual(expect.stringMatching(/could not record that run bad00001-run stopped/));
  });
});
