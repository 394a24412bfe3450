// The compiled `haymaker` binary against the production app on the embedded host: output, --json and the exit
// codes scripts rely on (0 ok, 1 failure, 2 usage, 3 not found), and where the endpoint and key come from.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  API_HARNESS_SETUP_TIMEOUT_MS,
  HOST_KEY,
  repoRoot,
  startApiHarness,
  type ApiHarness,
} from '../triggers/http/api-harness';
import { HAY_EXPORT_FIELDS } from '../../contract/hay';
import { parseCsv, watchlistCsvProblems } from '../reports/watchlist-csv';
import { FINISHED_RUN, HAY, SCENARIO, seededRunCompleted, seedFinishedRun } from '../triggers/http/seed';

const bin = path.join(repoRoot, 'bin', 'haymaker.js');
let h: ApiHarness;
let home: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the binary asynchronously: the host serving it lives in this process, so a sync spawn would deadlock. */
function haymaker(args: string[], env: Record<string, string> = {}, withTarget = true): Promise<Result> {
  const target = withTarget ? ['--endpoint', h.host.url, '--key', HOST_KEY] : [];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, ...target],
      { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-cli-home-'));
  h = await startApiHarness();
  await seedFinishedRun(h);
  await seededRunCompleted(h);
}, API_HARNESS_SETUP_TIMEOUT_MS);

afterAll(async () => {
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
}, 30_000);

describe('haymaker CLI against the API', () => {
  it('status --json prints the API status, with the endpoint and key from the environment', async () => {
    const r = await haymaker(
      ['status', '--json'],
      { HAYMAKER_ENDPOINT: h.host.url, HAYMAKER_KEY: HOST_KEY },
      false,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: expect.stringMatching(/^(idle|running)$/),
      health: 'healthy',
    });
  });

  it('runs show prints the scenario table and report link; an unknown run exits 3', async () => {
    const r = await haymaker(['runs', 'show', FINISHED_RUN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`run ${FINISHED_RUN}  phase: completed`);
    expect(r.stdout).toMatch(new RegExp(`${SCENARIO}\\s+succeeded`));
    expect(r.stdout).toContain(`/api/v1/runs/${FINISHED_RUN}/report`);
    const missing = await haymaker(['runs', 'show', 'no-such-run']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no run with id "no-such-run".*trace id/);
  });

  it('runs hay prints the labelled events as json, jsonl and a watchlist CSV', async () => {
    const json = await haymaker(['runs', 'hay', FINISHED_RUN, '-o', 'json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(HAY.events.length);
    for (const field of [
      'eventTimestamp',
      'operationName',
      'status',
      'resourceId',
      'callerAppId',
      'correlationId',
      'runId',
      'scenarioId',
      'phase',
      'burst',
    ])
      expect(rows.every((r) => field in r)).toBe(true);
    const jsonl = await haymaker(['runs', 'hay', FINISHED_RUN, '-o', 'jsonl']);
    expect(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(rows);
    const csv = await haymaker(['runs', 'hay', FINISHED_RUN, '-o', 'csv']);
    expect(csv.code).toBe(0);
    expect(watchlistCsvProblems(csv.stdout)).toEqual([]);
    expect(parseCsv(csv.stdout)[0]).toEqual([...HAY_EXPORT_FIELDS]);
  });

  it('runs show --follow on a finished run prints plain lines once and exits 0', async () => {
    const r = await haymaker(['runs', 'show', FINISHED_RUN, '--follow', '--interval-ms', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain(`run ${FINISHED_RUN} completed`);
  });

  it('resources filters and --json; a bad flag value is a usage error (2)', async () => {
    const r = await haymaker(['resources', FINISHED_RUN, '--status', 'deletion_failed', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    const bad = await haymaker(['resources', FINISHED_RUN, '--status', 'gone']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('parameter status');
  });

  it('events --follow prints the filtered audit trail and ends when the run has ended', async () => {
    const f = await haymaker([
      'events',
      FINISHED_RUN,
      '--follow',
      '--json',
      '--type',
      'phase_completed',
      '--interval-ms',
      '50',
    ]);
    expect(f.code).toBe(0);
    expect(
      f.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).event_id),
    ).toEqual(['evt-5']);
  });

  it('run starts a run, runs list shows it, terminate stops it, a second terminate fails (1)', async () => {
    const started = await haymaker([
      'run',
      '--scenario',
      SCENARIO,
      '--operations-window-minutes',
      '30',
      '--json',
    ]);
    expect(started.code).toBe(0);
    const runId = JSON.parse(started.stdout).run_id as string;
    const stop = await haymaker(['runs', 'terminate', runId]);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain(`terminated ${runId}`);
    const again = await haymaker(['runs', 'terminate', runId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not running');
  });

  it('takes the endpoint and key from ~/.haymaker.json, and explains a missing key', async () => {
    const noKey = await haymaker(['status'], { HAYMAKER_ENDPOINT: h.host.url }, false);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('--key');
    fs.writeFileSync(
      path.join(home, '.haymaker.json'),
      JSON.stringify({ endpoint: `${h.host.url}/api`, key: HOST_KEY }),
    );
    try {
      const fromFile = await haymaker(['runs', 'show', FINISHED_RUN, '--json'], {}, false);
      expect(fromFile.code).toBe(0);
      expect(JSON.parse(fromFile.stdout).run_id).toBe(FINISHED_RUN);
    } finally {
      fs.rmSync(path.join(home, '.haymaker.json'));
    }
  });

  it('an unreachable endpoint exits 1 and says how to start one', async () => {
    const r = await haymaker(['status', '--endpoint', 'http://127.0.0.1:9', '--key', 'k'], {}, false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('haymaker start');
  });

  it('cost --size small --json estimates from the scenario library without an API', async () => {
    const r = await haymaker(
      ['cost', '--size', 'small', '--json', '--dir', path.join(repoRoot, 'scenarios')],
      {},
      false,
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.estimates).toHaveLength(1);
    expect(body.estimates[0]).toMatchObject({ size: 'small', scenarios: 5 });
    expect(body.estimates[0].expectedUsd).toBeGreaterThan(0);
  });

  it('janitor --dry-run asks the API for a dry run (the test cloud refuses, so the sweep reports a failure)', async () => {
    const r = await haymaker(['janitor', '--dry-run', '--json']);
    expect([0, 1]).toContain(r.code);
    if (r.code === 0) expect(JSON.parse(r.stdout).dry_run).toBe(true);
    else expect(r.stderr).toMatch(/trace id/);
  });
});
