// Chaos: `haymaker start` is SIGKILLed in the middle of a run (sandbox, host and agents' parent gone at once). Run
// again on the same data dir, it says it resumes that run (no second run), finishes it, and nothing is leaked.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2eRun, expectNothingCreatedTwice, NOTHING_LEAKED } from './helpers/e2e-run';
import type { StartResult } from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';

const SCENARIOS = ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'];

describe('a haymaker start killed mid-run', () => {
  const run = new E2eRun({ name: 'chaos', scenarios: SCENARIOS, settings: ['PHASE_DEADLINE_MINUTES=300'] });
  const { runId, dataDir, witness } = run;
  let killed: StartResult;
  let resumed: StartResult;

  beforeAll(async () => {
    const first = run.command(run.newRunArgs(), { timeoutMs: 120_000 });
    // Mid-run: a principal exists and an agent job has started.
    await first.waitForLine((line) => /"(deploying|operating)"/.test(line), 90_000);
    // Kill only once the witness has seen a role assignment: on a fast machine "deploying" can come before its poll.
    const seen = Date.now() + 30_000;
    while (witness.roleAssignmentIds.size === 0 && Date.now() < seen)
      await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    killed = await first.done;
    resumed = await run.command([], { timeoutMs: 200_000 }).done;
    witness.stop();
  }, 320_000);

  afterAll(() => run.dispose());

  it('was really killed before the run ended', () => {
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.final).toBeUndefined();
    expect(witness.principalIds.size).toBeGreaterThan(0);
  });

  it('says it resumes the unfinished run instead of starting another', () => {
    expect(resumed.stdout).toContain(JSON.stringify({ resumed: runId }));
    expect(resumed.final?.runId).toBe(runId);
    expect(existsSync(join(dataDir, 'reports')) ? readdirSync(join(dataDir, 'reports')) : []).toEqual([
      runId,
    ]);
  });

  it('finishes the run with cleanup verified and nothing leaked', () => {
    expect(resumed.final).toMatchObject({ status: 'completed', cleanupVerified: true });
    expect(resumed.code).toBe(0);
    const report = run.reportOf(resumed);
    expect(report.summary.leaked).toEqual(NOTHING_LEAKED);
    expect(report.summary.scenarios.total).toBe(SCENARIOS.length);
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('re-ran the interrupted steps without a second principal or role assignment', () => {
    // Activities in flight at the kill run again on resume: create-or-get by name must not double anything.
    expectNothingCreatedTwice(witness, SCENARIOS.length);
  });
});
