import { STATUS_ENTITY_KEY, STATUS_ENTITY_NAME, type StatusEntityState } from '../../contract/entities';
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import type { RunOutcome } from '../../contract/orchestrations';
import { signalIn } from '../../core/signals';
import { drive, startHarness, type Harness } from '../../testkit/orchestration-harness';
import { readerOf, readRunState } from '../../entities/read-run';

describe('run orchestration on the embedded host', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('fans out one scenario per selected id, sweeps by ExecutionId, writes the report and completes the entities', async () => {
    h.world.selectScenarios = ['compute-01-alpha', 'storage-02-beta'];
    h.world.scripts.set('storage-02-beta', {
      answer: (phase) => (phase === 'deploy' ? 'never' : 'complete'),
    });
    const runId = 'a1b2c3d4-run-one';
    await h.host.client.startNew(RUN_ORCHESTRATION, {
      instanceId: runId,
      input: { trigger: 'api', size: 'small', operationBursts: 2, operationsWindowMinutes: 120 },
    });
    const status = await drive(h, runId);
    const outcome = status.output as RunOutcome;
    expect(outcome).toMatchObject({
      runId,
      status: 'completed',
      seed: runId,
      scenarioIds: ['compute-01-alpha', 'storage-02-beta'],
      cleanupVerified: true,
    });
    expect(outcome.scenarios.map((s) => [s.scenarioId, s.status])).toEqual([
      ['compute-01-alpha', 'succeeded'],
      ['storage-02-beta', 'failed'],
    ]);
    // Children carry the deterministic ids <runInstanceId>:<scenarioId>.
    expect(outcome.scenarios.map((s) => s.instanceId)).toEqual([
      `${runId}:compute-01-alpha`,
      `${runId}:storage-02-beta`,
    ]);

    const calls = h.world.calls.filter((c) => c.input.runId === runId);
    const sweep = calls.filter((c) => c.name === 'findTaggedResources' && c.input.scenarioId === undefined);
    expect(sweep).toHaveLength(1);
    const report = calls.find((c) => c.name === 'writeReport')!.input;
    expect(report.run).toMatchObject({
      seed: runId,
      status: 'completed',
      sweep: { found: 0, deleted: 0, failed: [] },
    });
    expect(report.run.scenarios.map((s: { scenarioId: string; status: string }) => s.status)).toEqual([
      'succeeded',
      'failed',
    ]);
    expect(
      calls
        .filter((c) => c.name === 'recordAuditEvent' && c.input.scenarioId === undefined)
        .map((c) => c.input.type),
    ).toEqual(['execution_started', 'scenario_selected', 'execution_completed']);

    const run = await readRunState(readerOf(h.host.client), runId);
    expect(run).toMatchObject({
      phase: 'completed',
      trigger: 'api',
      cleanupVerified: true,
      report: { jsonPath: `/reports/${runId}/report.json` },
      scenarios: { 'compute-01-alpha': { status: 'succeeded' }, 'storage-02-beta': { status: 'failed' } },
    });
    const statusEntity = await h.host.client.readEntityState<StatusEntityState>({
      name: STATUS_ENTITY_NAME,
      key: STATUS_ENTITY_KEY,
    });
    expect(statusEntity.entityState?.lastRun).toMatchObject({ runId, status: 'completed' });
    expect(statusEntity.entityState?.currentRun).toBeUndefined();
  });

  it('fails the run without scenarios when no scenario can be selected, and still sweeps', async () => {
    h.world.selectScenarios = [];
    const runId = 'e5f6a7b8-run-empty';
    await h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'cli' } });
    const outcome = (await drive(h, runId)).output as RunOutcome;
    expect(outcome).toMatchObject({ status: 'failed', scenarioIds: [] });
    expect(h.world.calls.some((c) => c.name === 'findTaggedResources' && c.input.runId === runId)).toBe(true);
    // The signal the failed-run alert reads, written once (not once per replay).
    const signals = h.logs.map((l) => signalIn(l.message)).filter((s) => s?.run_id === runId);
    expect(signals).toEqual([
      { signal: 'run_failed', run_id: runId, scenario_id: null, detail: expect.any(Number) },
    ]);
  });

  it('hands the office-hours profile to its scenarios and to the report', async () => {
    const officeHours = {
      timeZone: 'Europe/Berlin',
      workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as ('Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri')[],
      busyFrom: 9,
      busyTo: 17,
    };
    h.world.selectScenarios = [];
    h.world.officeHours = officeHours;
    try {
      const runId = 'c9d0e1f2-run-office';
      await h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'cli' } });
      await drive(h, runId);
      const report = h.world.calls.find((c) => c.name === 'writeReport' && c.input.runId === runId)!.input;
      expect(report.run.officeHours).toEqual(officeHours);
    } finally {
      delete h.world.officeHours;
    }
  });

  it('fails only after every other scenario finished when a scenario orchestration fails, and a rewind resumes it without provisioning twice', async () => {
    h.world.selectScenarios = ['compute-01-alpha', 'network-03-gamma'];
    const runId = 'c9d0e1f2-run-rewound';
    const broken = `${runId}:network-03-gamma`;
    // A defect or platform fault in the scenario orchestrator, right after its roles were assigned.
    h.host.injectEpisodeFault({
      matches: (e) => e.instanceId === broken && e.completedActivities.includes('assignRoles'),
      message: 'scripted orchestrator defect',
    });
    await h.host.client.startNew(RUN_ORCHESTRATION, {
      instanceId: runId,
      input: { trigger: 'api', operationBursts: 2, operationsWindowMinutes: 120 },
    });
    const failed = await drive(h, runId);
    expect(failed.runtimeStatus).toBe('Failed');
    expect(String(failed.output)).toContain(`${broken}: `);
    expect(String(failed.output)).toContain('scripted orchestrator defect');
    expect((await h.host.client.getStatus(broken))?.runtimeStatus).toBe('Failed');
    // The healthy scenario ran to its end before the run gave up; the run neither swept nor reported.
    expect((await h.host.client.getStatus(`${runId}:compute-01-alpha`))?.runtimeStatus).toBe('Completed');
    const callsOf = (name: string, scenarioId?: string) =>
      h.world.calls.filter(
        (c) => c.name === name && c.input.runId === runId && c.input.scenarioId === scenarioId,
      ).length;
    expect(callsOf('findTaggedResources')).toBe(0);
    expect(callsOf('writeReport')).toBe(0);

    await h.host.client.rewind(runId, 'defect fixed');
    const done = await drive(h, runId);
    const outcome = done.output as RunOutcome;
    expect(done.runtimeStatus).toBe('Completed');
    expect(outcome).toMatchObject({ status: 'completed', cleanupVerified: true });
    expect(outcome.scenarios.map((s) => [s.scenarioId, s.status])).toEqual([
      ['compute-01-alpha', 'succeeded'],
      ['network-03-gamma', 'succeeded'],
    ]);
    // Resumed, not restarted: one principal and one role assignment call per scenario, then one sweep and one report.
    for (const scenarioId of ['compute-01-alpha', 'network-03-gamma']) {
      expect([
        callsOf('provisionPrincipal', scenarioId),
        callsOf('assignRoles', scenarioId),
        callsOf('deletePrincipal', scenarioId),
      ]).toEqual([1, 1, 1]);
    }
    expect([callsOf('findTaggedResources'), callsOf('writeReport')]).toEqual([1, 1]);
  });
});
