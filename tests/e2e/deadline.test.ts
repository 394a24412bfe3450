// An agent job that crashes (no fault elsewhere): its completion event never comes, the deadline timer ends the
// deploy phase, the job is stopped, and the scenario goes straight to cleanup verification — nothing leaked.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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

const SCENARIO = 'web-apps-01-free-tier-landing-page';

describe('a crashed agent job whose completion never comes', () => {
  const runId = randomUUID();
  const dataDir = makeDataDir('deadline');
  const witness = new RunWitness(dataDir, runId);
  let result: StartResult;
  let report: RunReport;

  beforeAll(async () => {
    writeFileSync(
      join(dataDir, 'setup.json'),
      JSON.stringify({ crashExecutions: { scenarioId: SCENARIO, phase: 'deploy', count: 1 } }),
    );
    witness.start();
    // 200 orchestration minutes = 20 s of wall time at x600.
    const args = quickRunArgs([SCENARIO], ['--run-id', runId, '--faults', join(dataDir, 'setup.json')]).map(
      (a) => (a === 'PHASE_DEADLINE_MINUTES=1200' ? 'PHASE_DEADLINE_MINUTES=200' : a),
    );
    result = await startHaymaker(dataDir, args, 150_000).done;
    witness.stop();
    if (!result.final)
      throw new Error(
        `haymaker start ended without its result line (code ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
      );
    report = JSON.parse(readFileSync(result.final.report.jsonPath, 'utf8')) as RunReport;
  }, 170_000);

  afterAll(() => {
    witness.stop();
    removeDataDir(dataDir);
  });

  it('ends the deploy phase by its deadline and the scenario as failed, with the reason in the report', () => {
    const scenario = report.scenarios.find((s) => s.scenarioId === SCENARIO)!;
    expect(scenario.status).toBe('failed');
    expect(scenario.phases.find((p) => p.step === 'deploy')).toMatchObject({
      status: 'timedOut',
      error: expect.stringContaining('deploy'),
    });
    expect(scenario.phases.find((p) => p.step === 'operate')?.status).toBe('skipped');
  });

  it('still verifies cleanup and deletes the principal: the run completes with nothing leaked', () => {
    expect(result.final).toMatchObject({ runId, status: 'completed', cleanupVerified: true });
    expect(report.summary.leaked).toEqual({
      resources: 0,
      principals: 0,
      appRegistrations: 0,
      roleAssignments: 0,
      secrets: 0,
    });
    expect(witness.principalIds.size).toBe(1);
    expect(leftoversOf(readSandboxState(dataDir)!, runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });
});
