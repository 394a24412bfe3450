// An agent job whose end nobody notices: it crashes, and the agent watchdog's grace period is set longer than the
// phase deadline, so the deadline timer is what ends the deploy phase; the job is stopped, and the scenario goes
// straight to cleanup verification — nothing leaked. (With the watchdog in time, a crash is retried: chaos tests.)
import { e2eSuite, NOTHING_LEAKED } from './helpers/e2e-run';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';

const SCENARIO = 'web-apps-01-free-tier-landing-page';

describe('a crashed agent job whose completion never comes', () => {
  const { run, finished } = e2eSuite(
    {
      name: 'deadline',
      scenarios: [SCENARIO],
      setup: { crashExecutions: { scenarioId: SCENARIO, phase: 'deploy', count: 1 } },
      // 200 orchestration minutes = 20 s of wall time at x600.
      settings: ['PHASE_DEADLINE_MINUTES=200', 'AGENT_CRASH_GRACE_SECONDS=86400'],
    },
    { timeoutMs: 170_000 },
  );
  const { runId, witness } = run;
  const result = () => finished().result;
  const report = () => finished().report;

  it('ends the deploy phase by its deadline and the scenario as failed, with the reason in the report', () => {
    const scenario = report().scenarios.find((s) => s.scenarioId === SCENARIO)!;
    expect(scenario.status).toBe('failed');
    expect(scenario.phases.find((p) => p.step === 'deploy')).toMatchObject({
      status: 'timedOut',
      error: expect.stringContaining('deploy'),
    });
    expect(scenario.phases.find((p) => p.step === 'operate')?.status).toBe('skipped');
  });

  it('still verifies cleanup and deletes the principal: the run completes with nothing leaked', () => {
    expect(result().final).toMatchObject({
      runId,
      status: 'completed',
      cleanupVerified: true,
      scenarios: { total: 1, succeeded: 0 },
    });
    // Completed clean, but the scenario did not produce its activity: the distinct exit code says so.
    expect(result().code).toBe(4);
    expect(report().summary.leaked).toEqual(NOTHING_LEAKED);
    expect(witness.principalIds.size).toBe(1);
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });
});
