// Rewind a failed run. A scripted orchestrator fault (a defect or platform fault, not an Azure error: those become
// outcomes) fails one scenario orchestration right after its roles were assigned; the run fails once the other
// scenario has finished, without sweeping. `haymaker start --rewind` resumes it: the failed scenario goes on from
// where it stopped (agents, cleanup, principal deletion), then the run sweeps and reports. No principal, app
// registration or role assignment exists twice at any point, and nothing is left.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2eRun, expectNothingCreatedTwice, NOTHING_LEAKED } from './helpers/e2e-run';
import type { StartResult } from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT, type Leftovers } from './helpers/sandbox-state';

const SCENARIOS = ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'];
const BROKEN = SCENARIOS[1]!;

describe('a failed run rewound with haymaker start --rewind', () => {
  const run = new E2eRun({
    name: 'rewind',
    scenarios: SCENARIOS,
    setup: { orchestratorFaults: [{ scenarioId: BROKEN, afterActivity: 'assignRoles' }] },
    // No janitor while the run lies Failed between the two commands: this test is about the rewind, not the janitor.
    settings: ['JANITOR_CRON=0 0 0 1 1 *'],
  });
  const { runId, dataDir, witness } = run;
  let failed: StartResult;
  let rewound: StartResult;
  let leftAfterFailure: Leftovers;
  let principalsAfterFailure = 0;
  let reportAfterFailure = true;

  beforeAll(async () => {
    failed = await run.command(run.newRunArgs(), { timeoutMs: 150_000 }).done;
    witness.observe();
    principalsAfterFailure = witness.principalIds.size;
    // The run's report (its folder may already hold the hay of scenarios that finished: docs/ground-truth.md).
    reportAfterFailure = existsSync(join(dataDir, 'reports', runId, 'report.json'));
    leftAfterFailure = leftoversOf(run.state(), runId, witness.principalIds);
    rewound = await run.command(['--rewind', runId], { timeoutMs: 150_000 }).done;
    witness.stop();
  }, 320_000);

  afterAll(() => run.dispose());

  it('fails the run, naming the failed scenario orchestration, with its principal and roles still in place', () => {
    expect(failed.code).toBe(1);
    expect(failed.failed?.runId).toBe(runId);
    expect(failed.failed?.error).toContain(`${runId}:${BROKEN}: `);
    expect(failed.failed?.error).toContain('scripted orchestrator fault after assignRoles');
    expect(principalsAfterFailure).toBe(SCENARIOS.length);
    // The healthy scenario cleaned up after itself; the broken one stopped after its roles.
    expect(leftAfterFailure.applications).toHaveLength(1);
    expect(leftAfterFailure.applications[0]).toContain(BROKEN);
    expect(leftAfterFailure.roleAssignments.length).toBeGreaterThan(0);
    expect(reportAfterFailure).toBe(false);
  });

  it('resumes on rewind and finishes the run with cleanup verified and nothing left', () => {
    expect(rewound.stdout).toContain(JSON.stringify({ rewound: runId }));
    expect(rewound.final).toMatchObject({ runId, status: 'completed', cleanupVerified: true });
    expect(rewound.code).toBe(0);
    const report = run.reportOf(rewound);
    expect(report.summary.scenarios.total).toBe(SCENARIOS.length);
    expect(report.summary.leaked).toEqual(NOTHING_LEAKED);
    expect(readdirSync(join(dataDir, 'reports'))).toEqual([runId]);
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('never created a second principal, app registration or role assignment', () => {
    expectNothingCreatedTwice(witness, SCENARIOS.length);
  });
});
