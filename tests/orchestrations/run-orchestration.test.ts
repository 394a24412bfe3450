import { RUN_ENTITY_NAME, type RunEntityState } from '../../entities/run-state';
import { STATUS_ENTITY_KEY, STATUS_ENTITY_NAME, type StatusEntityState } from '../../entities/status-state';
import { RUN_ORCHESTRATION } from '../../orchestrations/names';
import type { RunOutcome } from '../../orchestrations/types';
import { drive, startHarness, type Harness } from './host-harness';

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
    h.world.scripts.set('storage-02-beta', { answer: (phase) => (phase === 'deploy' ? 'never' : 'complete') });
    const runId = 'a1b2c3d4-run-one';
    await h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'api', size: 'small', operationBursts: 2, operationsWindowMinutes: 120 } });
    const status = await drive(h, runId);
    const outcome = status.output as RunOutcome;
    expect(outcome).toMatchObject({ runId, status: 'completed', seed: runId, scenarioIds: ['compute-01-alpha', 'storage-02-beta'], cleanupVerified: true });
    expect(outcome.scenarios.map((s) => [s.scenarioId, s.status])).toEqual([
      ['compute-01-alpha', 'succeeded'],
      ['storage-02-beta', 'failed'],
    ]);
    // Children carry the deterministic ids <runInstanceId>:<scenarioId>.
    expect(outcome.scenarios.map((s) => s.instanceId)).toEqual([`${runId}:compute-01-alpha`, `${runId}:storage-02-beta`]);

    const calls = h.world.calls.filter((c) => c.input.runId === runId);
    const sweep = calls.filter((c) => c.name === 'findTaggedResources' && c.input.scenarioId === undefined);
    expect(sweep).toHaveLength(1);
    const report = calls.find((c) => c.name === 'writeReport')!.input;
    expect(report.run).toMatchObject({ seed: runId, status: 'completed', sweep: { found: 0, deleted: 0, failed: [] } });
    expect(report.run.scenarios.map((s: { scenarioId: string; status: string }) => s.status)).toEqual(['succeeded', 'failed']);
    expect(calls.filter((c) => c.name === 'recordAuditEvent' && c.input.scenarioId === undefined).map((c) => c.input.type)).toEqual([
      'execution_started',
      'scenario_selected',
      'execution_completed',
    ]);

    const run = await h.host.client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId });
    expect(run.entityState).toMatchObject({
      phase: 'completed',
      trigger: 'api',
      cleanupVerified: true,
      report: { jsonPath: `/reports/${runId}/report.json` },
      scenarios: { 'compute-01-alpha': { status: 'succeeded' }, 'storage-02-beta': { status: 'failed' } },
    });
    const statusEntity = await h.host.client.readEntityState<StatusEntityState>({ name: STATUS_ENTITY_NAME, key: STATUS_ENTITY_KEY });
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
  });
});
