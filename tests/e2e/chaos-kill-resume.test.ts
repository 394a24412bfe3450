// Chaos: `haymaker start` is SIGKILLed in the middle of a run (sandbox, host and agents' parent gone at once). Run
// again on the same data dir, it says it resumes that run (no second run), finishes it, and nothing is leaked.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeDataDir,
  quickRunArgs,
  removeDataDir,
  startHaymaker,
  type StartResult,
} from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT, readSandboxState, RunWitness } from './helpers/sandbox-state';
import type { RunReport } from './helpers/fixtures';

const SCENARIOS = ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'];
// An agent orphaned by the kill never reports: 300 orchestration minutes (30 s at x600) bound that wait.
const args = () =>
  quickRunArgs(SCENARIOS).map((a) =>
    a === 'PHASE_DEADLINE_MINUTES=1200' ? 'PHASE_DEADLINE_MINUTES=300' : a,
  );

describe('a haymaker start killed mid-run', () => {
  const runId = randomUUID();
  const dataDir = makeDataDir('chaos');
  const witness = new RunWitness(dataDir, runId);
  let killed: StartResult;
  let resumed: StartResult;

  beforeAll(async () => {
    witness.start();
    const first = startHaymaker(dataDir, [...args(), '--run-id', runId], 120_000);
    // Mid-run: a principal exists and an agent job has started.
    await first.waitForLine((line) => /"(deploying|operating)"/.test(line), 90_000);
    // Kill only once the witness has seen a role assignment: on a fast machine "deploying" can come before its poll.
    const seen = Date.now() + 30_000;
    while (witness.roleAssignmentIds.size === 0 && Date.now() < seen)
      await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    killed = await first.done;
    const second = startHaymaker(dataDir, args(), 200_000);
    resumed = await second.done;
    witness.stop();
  }, 320_000);

  afterAll(() => {
    witness.stop();
    removeDataDir(dataDir);
  });

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
    const report = JSON.parse(readFileSync(resumed.final!.report.jsonPath, 'utf8')) as RunReport;
    expect(report.summary.leaked).toEqual({
      resources: 0,
      principals: 0,
      appRegistrations: 0,
      roleAssignments: 0,
      secrets: 0,
    });
    expect(report.summary.scenarios.total).toBe(SCENARIOS.length);
    expect(leftoversOf(readSandboxState(dataDir)!, runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('re-ran the interrupted steps without a second principal or role assignment', () => {
    // Activities in flight at the kill run again on resume: create-or-get by name must not double anything.
    expect(witness.principalIds.size).toBe(SCENARIOS.length);
    expect(witness.appDisplayNames.size).toBe(SCENARIOS.length);
    expect(witness.roleAssignmentIds.size).toBeGreaterThan(0);
    expect(witness.roleAssignmentIds.size).toBeLessThanOrEqual(2 * SCENARIOS.length);
  });
});
