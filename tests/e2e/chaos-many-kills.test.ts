// Chaos, many times: the whole local stack (`haymaker start` and every agent process it runs) is SIGKILLed at seeded
// random moments of a run, then started once more. Every agent job killed mid-phase is seen as crashed after the
// restart (the sandbox marks its execution Failed) and its phase runs again, so the run still produces all its hay:
// every scenario succeeded, nothing leaked, no second principal, the retried phases in the report.
// HAYMAKER_CHAOS_KILLS sets the number of kills (3 here; the bench's reliability.chaos runs 20).
import { runWithKills, type ChaosResult } from '../../testkit/chaos-run';
import { E2eRun, expectNothingCreatedTwice, NOTHING_LEAKED } from './helpers/e2e-run';
import { quickRunArgs } from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';

const SCENARIOS = ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'];
const KILLS = Number(process.env.HAYMAKER_CHAOS_KILLS ?? 3);

describe(`a run whose whole stack is SIGKILLed ${KILLS} times`, () => {
  const run = new E2eRun({ name: 'chaos-kills', scenarios: SCENARIOS });
  const { runId, witness } = run;
  let chaos: ChaosResult;

  beforeAll(async () => {
    witness.start();
    chaos = await runWithKills({
      dataDir: run.dataDir,
      newRunArgs: run.newRunArgs(),
      // Each kill takes the running agents with it, so one phase may crash at every kill: the bound is the maximum.
      commonArgs: quickRunArgs(SCENARIOS, ['AGENT_CRASH_GRACE_SECONDS=3', 'PHASE_CRASH_RETRIES=10']),
      kills: KILLS,
      seed: `chaos-${KILLS}`,
      delayMs: { min: 1_500, max: 9_000 },
      finalTimeoutMs: 300_000,
    });
    witness.stop();
  }, 600_000);

  afterAll(() => run.dispose());

  /** The final `start` as the e2e helpers read it (its last stdout line is the result). */
  const finished = () => {
    const last = chaos.final.stdout.trim().split('\n').pop() ?? '';
    return { ...chaos.final, final: last.startsWith('{') ? JSON.parse(last) : undefined };
  };

  it('killed the stack during the run, with agents running at least once', () => {
    expect(chaos.kills).toBeGreaterThanOrEqual(1);
    expect(chaos.killsWithAgents).toBeGreaterThanOrEqual(1);
  });

  it('completes with every scenario succeeded and exits 0', () => {
    expect(finished().final).toMatchObject({
      runId,
      status: 'completed',
      cleanupVerified: true,
      scenarios: { total: SCENARIOS.length, succeeded: SCENARIOS.length },
    });
    expect(chaos.final.code).toBe(0);
  });

  it('leaks nothing and never made a second principal or role assignment', () => {
    const report = run.reportOf(finished());
    expect(report.summary.leaked).toEqual(NOTHING_LEAKED);
    expect(report.scenarios.map((s) => s.status)).toEqual(SCENARIOS.map(() => 'succeeded'));
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
    expectNothingCreatedTwice(witness, SCENARIOS.length);
  });

  it('shows the phases it ran again in the report', () => {
    const report = run.reportOf(finished());
    const crashes = report.scenarios.flatMap((s) => s.phases.flatMap((p) => p.crashes ?? []));
    expect(crashes.length).toBeGreaterThanOrEqual(1);
    // Which of the two a kill produces depends on where it lands: an agent that was running when the stack died is
    // found by the watchdog ("ended Failed without reporting"); one whose start the host had not yet followed by its
    // wait is found by startAgentJob's retry ("ended Failed before the orchestration waited on it").
    for (const crash of crashes)
      expect(crash.reason).toMatch(/without reporting|before the orchestration waited on it/);
  });
});
