// The replay-safe logger through the embedded host: an orchestrator runs again from the top in every episode, yet
// each of its lines is written once, stamped with the instance id, replay=false and the orchestration time; an
// activity's line names the instance that called it.
import type { RunSettings } from '../../contract/activities';
import {
  SCENARIO_ORCHESTRATION,
  type ScenarioOrchestrationInput,
  type ScenarioOutcome,
} from '../../contract/orchestrations';
import { drive, START, startHarness, type Harness } from '../../testkit/orchestration-harness';

const SETTINGS: RunSettings = {
  subscriptionId: '22222222-2222-2222-2222-222222222222',
  location: 'eastus',
  operationsWindowMinutes: 60,
  operationBursts: 2,
  rolePropagationSeconds: 60,
  phaseDeadlineMinutes: 60,
  burstDeadlineMinutes: 20,
  phaseCrashRetries: 2,
  runExpiryHours: 12,
};

describe('orchestration and activity logs on the embedded host', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function runScenario(runId: string, scenarioId: string) {
    const now = h.host.clock.now();
    const input: ScenarioOrchestrationInput = {
      runId,
      scenarioId,
      seed: 'seed-log',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 12 * 3_600_000).toISOString(),
      settings: SETTINGS,
    };
    const instanceId = `${runId}:${scenarioId}`;
    await h.host.client.startNew(SCENARIO_ORCHESTRATION, { instanceId, input });
    const status = await drive(h, instanceId);
    expect(status.runtimeStatus).toBe('Completed');
    return { instanceId, outcome: status.output as ScenarioOutcome };
  }

  const linesOf = (instanceId: string) =>
    h.logs.map((l) => l.message).filter((m) => m.includes(`instance=${instanceId} `));

  it('writes each orchestration line once across every replay, with instance id, replay flag and orchestration time', async () => {
    const { instanceId, outcome } = await runScenario('runlog-1', 'compute-01-logged');
    // Many episodes: without the replay guard, the first line would be written once per episode.
    expect(h.host.client.stats(instanceId)!.replayEpisodes).toBeGreaterThan(5);
    const lines = linesOf(instanceId).filter((m) => !/ time=\S+ \w+: /.test(m));
    const started = lines.filter((m) => m.endsWith('scenario compute-01-logged of run runlog-1 started'));
    const finished = lines.filter((m) => m.includes('scenario succeeded'));
    expect(started).toHaveLength(1);
    expect(finished).toHaveLength(1);
    expect(started[0]).toContain(
      `instance=${instanceId} replay=false time=${new Date(START).toISOString()} `,
    );
    // Orchestration time: the line is stamped with the time the outcome was recorded, on the manual clock.
    expect(outcome.endedAt > new Date(START).toISOString()).toBe(true);
    expect(finished[0]).toContain(` time=${outcome.endedAt} `);
    expect(lines.every((m) => m.includes(' replay=false '))).toBe(true);
  });

  it("stamps an activity's failure with the instance that called it and the activity's name", async () => {
    h.world.scripts.set('compute-02-denied', { failActivities: ['assignRoles'] });
    const { instanceId } = await runScenario('runlog-2', 'compute-02-denied');
    const failures = linesOf(instanceId).filter((m) => m.includes(' assignRoles: failed: '));
    // callActivity retries assignRoles (ACTIVITY_RETRY: 5 attempts); each failed attempt is logged once.
    expect(failures).toHaveLength(5);
    expect(failures[0]).toMatch(
      new RegExp(
        `^\\[assignRoles\\] instance=${instanceId} replay=false time=\\S+Z assignRoles: failed: fake assignRoles failed for compute-02-denied$`,
      ),
    );
    expect(linesOf(instanceId).some((m) => m.includes('scenario failed'))).toBe(true);
  });
});
