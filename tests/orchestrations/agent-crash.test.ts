// An agent job that dies without reporting (its execution Failed, no completion event) costs a retry, not the
// scenario: the agent watchdog timer (registered in app/main.ts, fired by the embedded host on the manual clock) tells
// the waiting orchestration, which starts the phase again, a bounded number of times, and records every crash.
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
  phaseDeadlineMinutes: 600,
  burstDeadlineMinutes: 300,
  phaseCrashRetries: 2,
  runExpiryHours: 48,
};

describe('an agent job that crashes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  let seq = 0;
  async function runScenario(scenarioId: string, overrides: Partial<RunSettings> = {}) {
    const runId = `crash${String(++seq).padStart(4, '0')}-test`;
    const now = h.host.clock.now();
    const input: ScenarioOrchestrationInput = {
      runId,
      scenarioId,
      seed: 'seed-1',
      burstDriver: true,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 48 * 3_600_000).toISOString(),
      settings: { ...SETTINGS, ...overrides },
    };
    const instanceId = `${runId}:${scenarioId}`;
    await h.host.client.startNew(SCENARIO_ORCHESTRATION, { instanceId, input });
    const status = await drive(h, instanceId, 30_000);
    expect(status.runtimeStatus).toBe('Completed');
    const starts = h.world.calls.filter((c) => c.name === 'startAgentJob' && c.input.runId === runId);
    return { outcome: status.output as ScenarioOutcome, starts, startedAt: now };
  }

  it('is started again long before the phase deadline and the scenario succeeds, the crashes in its record', async () => {
    const scenarioId = 'compute-21-crashy';
    h.world.scripts.set(scenarioId, { crashFirst: { deploy: 2, operate: 1 } });
    const { outcome, starts, startedAt } = await runScenario(scenarioId);
    expect(outcome.status).toBe('succeeded');
    const deploy = outcome.steps.find((s) => s.step === 'deploy')!;
    expect(deploy.status).toBe('succeeded');
    expect(deploy.crashes?.map((c) => c.executionName)).toEqual([
      `exec-${scenarioId}-deploy-crashed-1`,
      `exec-${scenarioId}-deploy-crashed-2`,
    ]);
    expect(deploy.crashes?.[0]?.reason).toMatch(/ended Failed without reporting/);
    // Noticed within the watchdog's grace (2 min) plus a few ticks, not at the 600-minute deadline.
    const took = Date.parse(deploy.endedAt) - Date.parse(deploy.startedAt);
    expect(took).toBeLessThan(30 * 60_000);
    const bursts = outcome.steps.filter((s) => s.step === 'operate');
    expect(bursts.map((b) => [b.status, b.crashes?.length ?? 0])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    expect(starts.map((c) => `${c.input.phase}${c.input.burst ?? ''}`)).toEqual([
      'deploy',
      'deploy',
      'deploy',
      'operate0',
      'operate0',
      'operate1',
      'operate1',
      'cleanup',
    ]);
    expect(Date.parse(outcome.endedAt) - startedAt).toBeLessThan(20 * 3_600_000);
  });

  it('fails the step once the retries are spent, and the scenario still cleans up', async () => {
    const scenarioId = 'compute-22-always-crashes';
    h.world.scripts.set(scenarioId, { crashFirst: { deploy: 10 } });
    const { outcome, starts } = await runScenario(scenarioId, { phaseCrashRetries: 1 });
    expect(outcome.status).toBe('failed');
    const deploy = outcome.steps.find((s) => s.step === 'deploy')!;
    expect(deploy).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/ended without reporting 2 time\(s\)/),
    });
    expect(deploy.crashes).toHaveLength(2);
    expect(starts.map((c) => c.input.phase)).toEqual(['deploy', 'deploy', 'cleanup']);
    expect(outcome.cleanupVerified).toBe(true);
    expect(outcome.principal.verifiedGone).toBe(true);
  });

  // The watchdog declared an execution crashed, but it was alive and its phase_completed arrives once the retry runs:
  // that word is about another execution and must not be taken as the retry's outcome.
  it('waits on when a late success of the crashed execution arrives, and times the silent retry out', async () => {
    const scenarioId = 'compute-23-late-word';
    h.world.scripts.set(scenarioId, {
      crashFirst: { deploy: 1 },
      lateWordFromCrashed: true,
      answer: (phase) => (phase === 'deploy' ? 'never' : 'complete'),
    });
    const { outcome } = await runScenario(scenarioId, { phaseDeadlineMinutes: 120 });
    const deploy = outcome.steps.find((s) => s.step === 'deploy')!;
    expect(deploy).toMatchObject({
      status: 'timedOut',
      error: expect.stringMatching(/exec-compute-23-late-word-deploy did not report/),
    });
    expect(deploy.crashes?.map((c) => c.executionName)).toEqual([
      'exec-compute-23-late-word-deploy-crashed-1',
    ]);
    // The stale word cost the wait nothing: the steps after it still ran (a duplicate deadline timer once stalled it).
    expect(outcome.steps.find((s) => s.step === 'verifyCleanup')?.status).toBe('succeeded');
  });

  it("takes the retry's own outcome, whatever the crashed execution says late", async () => {
    const scenarioId = 'compute-24-late-word-own-fail';
    h.world.scripts.set(scenarioId, {
      crashFirst: { deploy: 1 },
      lateWordFromCrashed: true,
      answer: (phase) => (phase === 'deploy' ? 'fail' : 'complete'),
    });
    const { outcome } = await runScenario(scenarioId);
    const deploy = outcome.steps.find((s) => s.step === 'deploy')!;
    expect(deploy).toMatchObject({ status: 'failed', error: expect.stringMatching(/step 2 failed/) });
    expect(deploy.crashes).toHaveLength(1);
    expect(outcome.steps.find((s) => s.step === 'cleanup')?.status).toBe('succeeded');
  });
});
