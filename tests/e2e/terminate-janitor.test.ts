// Terminate a run mid-way through the API: its scenarios never reach cleanup, so principals, secrets, roles and
// resources stay behind. The janitor timer (here every 10 orchestration minutes = 1 s of wall time) of the next
// `haymaker start` removes them, while the new run it sweeps beside completes untouched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../contract/report';
import { E2eRun, NOTHING_LEAKED } from './helpers/e2e-run';
import type { StartResult } from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT, type Leftovers } from './helpers/sandbox-state';

const HOST_KEY = 'e2e-terminate-host-key';
const count = (l: Leftovers) => Object.values(l).reduce((n, list) => n + list.length, 0);

describe('a run terminated mid-way', () => {
  const run = new E2eRun({
    name: 'terminate',
    scenarios: ['networking-02-nsg-rule-hygiene', 'web-apps-01-free-tier-landing-page'],
    settings: ['JANITOR_CRON=0 0 0 1 1 *'],
  });
  const { runId, dataDir, witness } = run;
  let terminateStatus = 0;
  let leftAfterTerminate: Leftovers;
  let first: StartResult;
  let second: StartResult;

  beforeAll(async () => {
    process.env.HAYMAKER_HOST_KEY = HOST_KEY;
    try {
      const started = run.command(run.newRunArgs(), { timeoutMs: 150_000 });
      const apiLine = await started.waitForLine((line) => line.includes('"api"'), 60_000);
      const api = (JSON.parse(apiLine) as { api: string }).api;
      await started.waitForLine((line) => /"(deploying|operating)"/.test(line), 90_000);
      const answer = await fetch(`${api}/runs/${runId}/terminate`, {
        method: 'POST',
        headers: { 'x-functions-key': HOST_KEY },
      });
      terminateStatus = answer.status;
      await answer.text();
      first = await started.done;
      witness.observe();
      leftAfterTerminate = leftoversOf(run.state(), runId, witness.principalIds);

      // The janitor timer (every 10 orchestration minutes = 1 s of wall time) of the next run's command.
      second = await run.command(['--new'], {
        timeoutMs: 150_000,
        scenarios: ['compute-03-app-service-python'],
        settings: ['JANITOR_CRON=0 */10 * * * *'],
      }).done;
      witness.stop();
    } finally {
      delete process.env.HAYMAKER_HOST_KEY;
    }
  }, 320_000);

  afterAll(() => run.dispose());

  it('is terminated through the API and left principals and secrets behind', () => {
    expect(terminateStatus).toBe(202);
    expect(first.final).toMatchObject({ runId, status: 'terminated' });
    expect(first.code).not.toBe(0);
    expect(leftAfterTerminate.applications.length + leftAfterTerminate.secrets.length).toBeGreaterThan(0);
    expect(count(leftAfterTerminate)).toBeGreaterThan(0);
  });

  it('has everything it left removed by the janitor, while the next run completes clean', () => {
    // Without a result, say why: the run failed, was killed at its timeout, or printed none.
    const { code, signal, failed } = second;
    if (!second.final)
      throw new Error(
        `no result: ${JSON.stringify({ code, signal, failed, stderr: second.stderr.slice(-3000) })}`,
      );
    expect(second.final).toMatchObject({ status: 'completed', cleanupVerified: true });
    expect(second.final!.runId).not.toBe(runId);
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('has the janitor write the terminated run\'s report (status "terminated")', () => {
    const report = JSON.parse(
      readFileSync(join(dataDir, 'reports', runId, 'report.json'), 'utf8'),
    ) as RunReport;
    expect(report.status).toBe('terminated');
    expect(report.summary.cleanupVerified).toBe(true);
    expect(report.summary.leaked).toEqual(NOTHING_LEAKED);
    expect(report.errors.join(' ')).toContain('the janitor removed what it left');
  });
});
