// Rewind a failed run. A scripted orchestrator fault (a defect or platform fault, not an Azure error: those become
// outcomes) fails one scenario orchestration right after its roles were assigned; the run fails once the other
// scenario has finished, without sweeping. `haymaker start --rewind` resumes it: the failed scenario goes on from
// where it stopped (agents, cleanup, principal deletion), then the run sweeps and reports. No principal, app
// registration or role assignment exists twice at any point, and nothing is left.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from './helpers/fixtures';
import {
  makeDataDir,
  quickRunArgs,
  removeDataDir,
  startHaymaker,
  type StartResult,
} from './helpers/haymaker-start';
import {
  leftoversOf,
  NOTHING_LEFT,
  readSandboxState,
  RunWitness,
  type Leftovers,
} from './helpers/sandbox-state';

const SCENARIOS = ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'];
const BROKEN = SCENARIOS[1]!;
// No janitor while the run lies Failed between the two commands: this test is about the rewind, not the janitor.
const args = (extra: string[]) => [
  ...quickRunArgs(SCENARIOS),
  '--setting',
  'JANITOR_CRON=0 0 0 1 1 *',
  ...extra,
];

describe('a failed run rewound with haymaker start --rewind', () => {
  const runId = randomUUID();
  const dataDir = makeDataDir('rewind');
  const witness = new RunWitness(dataDir, runId);
  let failed: StartResult;
  let rewound: StartResult;
  let leftAfterFailure: Leftovers;
  let principalsAfterFailure = 0;
  let reportAfterFailure = true;

  beforeAll(async () => {
    const faults = join(dataDir, 'faults.json');
    writeFileSync(
      faults,
      JSON.stringify({ orchestratorFaults: [{ scenarioId: BROKEN, afterActivity: 'assignRoles' }] }),
    );
    witness.start();
    failed = await startHaymaker(dataDir, args(['--run-id', runId, '--faults', faults]), 150_000).done;
    witness.observe();
    principalsAfterFailure = witness.principalIds.size;
    reportAfterFailure = existsSync(join(dataDir, 'reports', runId));
    leftAfterFailure = leftoversOf(readSandboxState(dataDir)!, runId, witness.principalIds);
    rewound = await startHaymaker(dataDir, args(['--rewind', runId]), 150_000).done;
    witness.stop();
  }, 320_000);

  afterAll(() => {
    witness.stop();
    removeDataDir(dataDir);
  });

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
    const report = JSON.parse(readFileSync(rewound.final!.report.jsonPath, 'utf8')) as RunReport;
    expect(report.summary.scenarios.total).toBe(SCENARIOS.length);
    expect(report.summary.leaked).toEqual({
      resources: 0,
      principals: 0,
      appRegistrations: 0,
      roleAssignments: 0,
      secrets: 0,
    });
    expect(readdirSync(join(dataDir, 'reports'))).toEqual([runId]);
    expect(leftoversOf(readSandboxState(dataDir)!, runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('never created a second principal, app registration or role assignment', () => {
    expect(witness.principalIds.size).toBe(SCENARIOS.length);
    expect(witness.appDisplayNames.size).toBe(SCENARIOS.length);
    expect(witness.roleAssignmentIds.size).toBeGreaterThan(0);
    expect(witness.roleAssignmentIds.size).toBeLessThanOrEqual(2 * SCENARIOS.length);
  });
});
