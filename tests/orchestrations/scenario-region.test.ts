// The region picked at selection (the plan in history) is where the scenario's groups are made and what its agent
// jobs get as AZURE_LOCATION; an instance without one (started before regions) keeps AZURE_LOCATION.
import type { RunSettings } from '../../contract/activities';
import { SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { ScenarioOrchestrationInput, ScenarioOutcome } from '../../contract/orchestrations';
import { drive, startHarness, type Harness } from '../../testkit/orchestration-harness';

const SETTINGS: RunSettings = {
  subscriptionId: '22222222-2222-2222-2222-222222222222',
  location: 'eastus',
  operationsWindowMinutes: 480,
  operationBursts: 2,
  rolePropagationSeconds: 60,
  phaseDeadlineMinutes: 60,
  burstDeadlineMinutes: 20,
  phaseCrashRetries: 2,
  runExpiryHours: 12,
};

describe('scenario orchestration: its region', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function runScenario(runId: string, scenarioId: string, region?: string) {
    const now = h.host.clock.now();
    const input: ScenarioOrchestrationInput = {
      runId,
      scenarioId,
      seed: 'seed-1',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 12 * 3_600_000).toISOString(),
      settings: SETTINGS,
      grants: { resourceGroups: [`rg-${scenarioId}`], roles: ['Contributor'], ...(region ? { region } : {}) },
    };
    const instanceId = `${runId}:${scenarioId}`;
    await h.host.client.startNew(SCENARIO_ORCHESTRATION, { instanceId, input });
    const status = await drive(h, instanceId, 20_000);
    expect(status.runtimeStatus).toBe('Completed');
    const calls = h.world.calls.filter((c) => c.input.runId === runId);
    return { outcome: status.output as ScenarioOutcome, calls };
  }

  it('creates the groups in the planned region and hands it to every agent job', async () => {
    const { outcome, calls } = await runScenario('run00reg-test', 'compute-01-happy', 'westeurope');
    expect(calls.find((c) => c.name === 'createResourceGroups')!.input).toMatchObject({
      resourceGroups: ['rg-compute-01-happy'],
      location: 'westeurope',
    });
    const jobs = calls.filter((c) => c.name === 'startAgentJob');
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    for (const job of jobs) expect(job.input.region).toBe('westeurope');
    expect(outcome.region).toBe('westeurope');
  });

  it('keeps AZURE_LOCATION for a plan without a region (instances started before regions)', async () => {
    const { outcome, calls } = await runScenario('run01reg-test', 'compute-01-happy');
    expect(calls.find((c) => c.name === 'createResourceGroups')!.input.location).toBe('eastus');
    expect(calls.filter((c) => c.name === 'startAgentJob').every((c) => c.input.region === undefined)).toBe(
      true,
    );
    expect(outcome.region).toBeUndefined();
  });
});
