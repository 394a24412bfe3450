import { signalIn } from '../../core/signals';
import { HAY_COLLECTION_DELAY_MS } from '../../orchestrations/scenario/hay';
import type { RunSettings } from '../../contract/activities';
import { SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { ScenarioOrchestrationInput, ScenarioOutcome } from '../../contract/orchestrations';
import { drive, startHarness, type Harness } from '../../testkit/orchestration-harness';
import { readerOf, readRunState } from '../../entities/read-run';

const SETTINGS: RunSettings = {
  subscriptionId: '22222222-2222-2222-2222-222222222222',
  location: 'eastus',
  operationsWindowMinutes: 480,
  operationBursts: 8,
  rolePropagationSeconds: 60,
  phaseDeadlineMinutes: 60,
  burstDeadlineMinutes: 20,
  phaseCrashRetries: 2,
  runExpiryHours: 12,
};

describe('scenario orchestration on the embedded host', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  let seq = 0;
  async function runScenario(
    scenarioId: string,
    overrides: Partial<RunSettings> = {},
    expiresInHours = 12,
    stepMs?: number,
  ) {
    const runId = `run${String(++seq).padStart(5, '0')}-test`;
    const now = h.host.clock.now();
    const input: ScenarioOrchestrationInput = {
      runId,
      scenarioId,
      seed: 'seed-1',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + expiresInHours * 3_600_000).toISOString(),
      settings: { ...SETTINGS, ...overrides },
      collectHay: true,
      grants: { resourceGroups: [`rg-${scenarioId}`], roles: ['Contributor'] },
    };
    const instanceId = `${runId}:${scenarioId}`;
    await h.host.client.startNew(SCENARIO_ORCHESTRATION, { instanceId, input });
    const status = await drive(h, instanceId, 20_000, stepMs);
    expect(status.runtimeStatus).toBe('Completed');
    // stopAgentJob carries only the execution name, which names the scenario.
    const calls = h.world.calls.filter(
      (c) => c.input.runId === runId || String(c.input.executionName ?? '').includes(scenarioId),
    );
    return { runId, instanceId, outcome: status.output as ScenarioOutcome, calls, startedAt: now };
  }

  it('runs every step in order, spreads eight bursts over the window and ends clean', async () => {
    const { outcome, calls, startedAt, runId } = await runScenario('compute-01-happy');
    expect(outcome).toMatchObject({
      status: 'succeeded',
      cleanupVerified: true,
      errors: [],
      principal: { verifiedGone: true },
    });
    expect(outcome.bursts).toEqual({ planned: 8, succeeded: 8, failed: 0, timedOut: 0, skipped: 0 });
    const names = calls
      .filter((c) => c.name !== 'recordAuditEvent')
      .map((c) => (c.name === 'startAgentJob' ? `${c.input.phase}${c.input.burst ?? ''}` : c.name));
    expect(names).toEqual([
      'createResourceGroups',
      'provisionPrincipal',
      'assignRoles',
      'deploy',
      ...Array.from({ length: 8 }, (_, i) => `operate${i}`),
      'cleanup',
      'findTaggedResources',
      'deletePrincipal',
      'collectHay',
    ]);
    // Hay is collected for the scenario's own principal once the Activity Log's ingestion delay has passed.
    const deletedAt = calls.find((c) => c.name === 'deletePrincipal')!.at;
    const hayCall = calls.find((c) => c.name === 'collectHay')!;
    expect(hayCall.at - deletedAt).toBeGreaterThanOrEqual(HAY_COLLECTION_DELAY_MS);
    expect(hayCall.input.principal).toEqual({
      appId: 'app-compute-01-happy',
      servicePrincipalId: 'sp-compute-01-happy',
    });
    expect(outcome.hay).toMatchObject({ file: 'hay-compute-01-happy.json', events: 0 });
    // The scenario's own group, created before the principal; its roles there only.
    expect(calls.find((c) => c.name === 'createResourceGroups')!.input).toMatchObject({
      resourceGroups: ['rg-compute-01-happy'],
      location: SETTINGS.location,
    });
    expect(calls.find((c) => c.name === 'assignRoles')!.input.grants).toEqual({
      resourceGroups: ['rg-compute-01-happy'],
      roles: ['Contributor'],
    });
    // The deploy job starts only after the 60 s role propagation timer.
    const deployAt = calls.find((c) => c.name === 'startAgentJob' && c.input.phase === 'deploy')!.at;
    expect(deployAt - startedAt).toBeGreaterThanOrEqual(60_000);
    // Each burst starts in its own hour-long slot of the 8-hour window.
    const bursts = calls
      .filter((c) => c.name === 'startAgentJob' && c.input.phase === 'operate')
      .map((c) => c.at - deployAt);
    bursts.forEach((offset, i) => {
      expect(offset).toBeGreaterThanOrEqual(i * 3_600_000);
      expect(offset).toBeLessThan((i + 1) * 3_600_000);
    });
    // The agent job gets references only: the secret's name, never a value.
    expect(calls.find((c) => c.name === 'startAgentJob')!.input.principal).toEqual({
      appId: 'app-compute-01-happy',
      secretName: 'scenario-sp-compute-01-happy-secret',
    });
    expect(calls.filter((c) => c.name === 'recordAuditEvent').map((c) => c.input.type)).toEqual([
      'sp_created',
      'container_deployed',
      'cleanup_verified',
      'sp_deleted',
    ]);
    const ledger = await readRunState(readerOf(h.host.client), runId);
    expect(ledger?.scenarios['compute-01-happy']).toMatchObject({
      status: 'succeeded',
      created: [expect.any(String)],
      deleted: [expect.any(String)],
    });
  });

  it('stops the job and goes straight to cleanup verification when the deploy event never arrives', async () => {
    const scenarioId = 'compute-02-silent';
    h.world.scripts.set(scenarioId, { answer: (phase) => (phase === 'deploy' ? 'never' : 'complete') });
    const { outcome, calls } = await runScenario(scenarioId);
    expect(outcome.status).toBe('failed');
    expect(outcome.steps.find((s) => s.step === 'deploy')).toMatchObject({
      status: 'timedOut',
      error: expect.stringMatching(/did not report.*60 min/),
    });
    expect(
      outcome.steps.filter((s) => s.step === 'operate' || s.step === 'cleanup').map((s) => s.status),
    ).toEqual(['skipped', 'skipped']);
    expect(calls.find((c) => c.name === 'stopAgentJob')?.input).toEqual({
      executionName: `exec-${scenarioId}-deploy`,
    });
    expect(calls.filter((c) => c.name === 'startAgentJob')).toHaveLength(1);
    expect(calls.map((c) => c.name)).toEqual(
      expect.arrayContaining(['findTaggedResources', 'deletePrincipal']),
    );
    expect(outcome.principal.verifiedGone).toBe(true);
  });

  it('skips the remaining bursts and the agent cleanup after a burst deadline', async () => {
    const scenarioId = 'compute-03-burst';
    h.world.scripts.set(scenarioId, {
      answer: (phase, burst) => (phase === 'operate' && burst === 3 ? 'never' : 'complete'),
    });
    const { outcome, calls } = await runScenario(scenarioId);
    expect(outcome.bursts).toEqual({ planned: 8, succeeded: 3, failed: 0, timedOut: 1, skipped: 4 });
    expect(outcome.steps.find((s) => s.step === 'cleanup')?.status).toBe('skipped');
    expect(calls.find((c) => c.name === 'stopAgentJob')?.input).toEqual({
      executionName: `exec-${scenarioId}-operate-3`,
    });
    expect(outcome.errors.join()).toMatch(/operate burst 3/);
  });

  it('records a failed deploy, skips operations but still runs the agent cleanup', async () => {
    const scenarioId = 'compute-04-faildeploy';
    h.world.scripts.set(scenarioId, { answer: (phase) => (phase === 'deploy' ? 'fail' : 'complete') });
    const { outcome, calls } = await runScenario(scenarioId);
    expect(outcome.steps.find((s) => s.step === 'deploy')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/step 2 failed/),
    });
    expect(calls.filter((c) => c.name === 'startAgentJob').map((c) => c.input.phase)).toEqual([
      'deploy',
      'cleanup',
    ]);
    expect(outcome.status).toBe('failed');
  });

  it('takes a completion event delivered three times once and counts its resources once', async () => {
    const scenarioId = 'compute-05-triple';
    h.world.scripts.set(scenarioId, { answer: () => 'triple' });
    const { outcome, runId } = await runScenario(scenarioId, { operationBursts: 3 });
    expect(outcome).toMatchObject({
      status: 'succeeded',
      bursts: { planned: 3, succeeded: 3, failed: 0, timedOut: 0, skipped: 0 },
    });
    const state = await readRunState(readerOf(h.host.client), runId);
    expect(state?.scenarios[scenarioId]?.created).toHaveLength(1);
    const phaseEvents = h.world.agentEvents.filter((e) => e.runId === runId && e.type === 'phase_completed');
    expect(phaseEvents).toHaveLength(3 * 5);
  });

  it('force-deletes leftovers the agent forgot and reports them', async () => {
    const scenarioId = 'compute-06-leftovers';
    const leftovers = ['a', 'b'].map((n) => ({
      id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/${n}`,
      type: 'Microsoft.Web/sites',
      name: n,
      kind: 'resource' as const,
    }));
    h.world.scripts.set(scenarioId, { leftovers });
    const { outcome, calls } = await runScenario(scenarioId, { operationBursts: 1 });
    expect(outcome).toMatchObject({
      status: 'succeeded',
      leftoversFound: 2,
      forceDeleted: 2,
      cleanupVerified: true,
    });
    expect(calls.find((c) => c.name === 'forceDeleteResources')?.input.resources).toEqual(leftovers);
  });

  it('places the bursts by the office-hours profile when the run has one', async () => {
    // A fixed-offset zone in which the test starts at 07:xx local time; busy 12-16, every day a working day.
    const utcHour = new Date(h.host.clock.now()).getUTCHours();
    const offset = ((7 - utcHour + 36) % 24) - 12;
    const timeZone = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
    const { outcome, calls } = await runScenario('compute-10-office-hours', {
      operationBursts: 8,
      officeHours: {
        timeZone,
        workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
        busyFrom: 12,
        busyTo: 16,
      },
    });
    expect(outcome.bursts).toMatchObject({ planned: 8, succeeded: 8 });
    const deployAt = calls.find((c) => c.name === 'startAgentJob' && c.input.phase === 'deploy')!.at;
    const late = calls
      .filter((c) => c.name === 'startAgentJob' && c.input.phase === 'operate')
      .filter((c) => c.at - deployAt >= 3 * 3_600_000);
    // An even spread starts 5 of 8 bursts after the window's third hour; busy hours from its fifth pull in more.
    expect(late.length).toBeGreaterThanOrEqual(6);
  });

  it('signals a cleanup it could not verify, with run and scenario ids, once', async () => {
    const scenarioId = 'compute-08-unverified';
    h.world.scripts.set(scenarioId, { failActivities: ['findTaggedResources'] });
    const { outcome } = await runScenario(scenarioId, { operationBursts: 1 });
    expect(outcome.cleanupVerified).toBe(false);
    const signals = h.logs
      .map((l) => signalIn(l.message))
      .filter((s) => s?.signal === 'cleanup_unverified' && s.scenario_id === scenarioId);
    expect(signals).toHaveLength(1);
    expect(String(signals[0]!.run_id)).toBeTruthy();
  });

  it('checks a long resource group delete again on durable timers instead of waiting inside one activity call', async () => {
    const scenarioId = 'compute-09-slow-delete';
    const group = {
      id: '/subscriptions/s/resourceGroups/rg-compute-09-slow-delete',
      type: 'Microsoft.Resources/resourceGroups',
      name: 'rg-compute-09-slow-delete',
      kind: 'resourceGroup' as const,
      scenarioId,
    };
    h.world.scripts.set(scenarioId, { leftovers: [group], deletingFor: 3 });
    const { outcome, calls } = await runScenario(scenarioId, { operationBursts: 1 }, 12, 60_000);
    const deletes = calls.filter((c) => c.name === 'forceDeleteResources');
    // The first call and three more, each after a five-minute durable timer.
    expect(deletes).toHaveLength(4);
    for (let i = 1; i < deletes.length; i++)
      expect(deletes[i]!.at - deletes[i - 1]!.at).toBeGreaterThanOrEqual(5 * 60_000);
    expect(outcome).toMatchObject({ forceDeleted: 1, cleanupVerified: true, forceDeleteFailed: [] });
  });

  it('runs no agent and creates no principal when its resource groups cannot be created, and still verifies', async () => {
    const scenarioId = 'compute-08-squatted-group';
    h.world.scripts.set(scenarioId, { failActivities: ['createResourceGroups'] });
    const { outcome, calls } = await runScenario(scenarioId);
    expect(outcome.steps.find((s) => s.step === 'createResourceGroups')).toMatchObject({ status: 'failed' });
    expect(calls.some((c) => c.name === 'provisionPrincipal' || c.name === 'startAgentJob')).toBe(false);
    expect(outcome.steps.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual([
      'provisionPrincipal',
      'assignRoles',
      'rolePropagation',
      'deploy',
      'operate',
      'cleanup',
    ]);
    expect(calls.some((c) => c.name === 'findTaggedResources')).toBe(true);
    expect(outcome.status).toBe('failed');
  });

  it('still deletes the principal when provisioning fails after every retry', async () => {
    const scenarioId = 'compute-07-noprincipal';
    h.world.scripts.set(scenarioId, { failActivities: ['provisionPrincipal'] });
    const { outcome, calls } = await runScenario(scenarioId);
    expect(calls.filter((c) => c.name === 'provisionPrincipal')).toHaveLength(5);
    expect(outcome.steps.find((s) => s.step === 'provisionPrincipal')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/fake provisionPrincipal failed/),
    });
    const deletion = calls.find((c) => c.name === 'deletePrincipal');
    expect(deletion?.input.principal).toBeUndefined();
    expect(calls.some((c) => c.name === 'findTaggedResources')).toBe(true);
    expect(outcome.status).toBe('failed');
  });

  it('skips bursts that would start within 30 minutes of ExpiresAt and still cleans up', async () => {
    const { outcome, calls } = await runScenario(
      'compute-11-expiry',
      { operationBursts: 4, operationsWindowMinutes: 480 },
      4,
    );
    const skipped = outcome.steps.filter((s) => s.step === 'operate' && s.status === 'skipped');
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(skipped.every((s) => s.error === 'no time left before the run expires')).toBe(true);
    expect(outcome.bursts.succeeded + outcome.bursts.skipped).toBe(4);
    expect(calls.filter((c) => c.name === 'startAgentJob').at(-1)?.input.phase).toBe('cleanup');
    expect(outcome.status).toBe('failed');
  });

  it('keeps the same history length for an 8-hour and an 80-hour operations window', async () => {
    // 15-minute clock steps (slots are one hour or longer) keep the 80-hour run quick.
    const short = await runScenario('compute-08-short', { operationsWindowMinutes: 480 }, 12, 15 * 60_000);
    const long = await runScenario('compute-08-long', { operationsWindowMinutes: 4800 }, 100, 15 * 60_000);
    expect(short.outcome.status).toBe('succeeded');
    expect(long.outcome.status).toBe('succeeded');
    const shortLength = h.host.client.stats(short.instanceId)!.historyLength;
    const longLength = h.host.client.stats(long.instanceId)!.historyLength;
    expect(longLength).toBe(shortLength);
    // Written out for the report and the bench: events per scenario with 8 bursts.
    const episodes = h.host.client.stats(long.instanceId)!.replayEpisodes;
    expect(h.host.client.stats(short.instanceId)!.replayEpisodes).toBe(episodes);
    process.stdout.write(
      `history events per scenario (8 bursts): 8h=${shortLength} 80h=${longLength}; replay episodes ${episodes}\n`,
    );
  });
});
