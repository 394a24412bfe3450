// tests.freshClone: what a user's clone costs — the committed HEAD cloned into a temp dir, `npm ci`, then `npm test`
// (build, lint, format check, every jest suite), each timed. Jest's own JSON report gives the slowest suites and any
// failure, and the machine's load is recorded beside the figures (they mean little on a busy machine).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Step {
  ms: number;
  exitCode: number | null;
}

function run(command: string, args: string[], cwd: string, logFile: string): Promise<Step> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { cwd, stdio: ['ignore', log, log], env: process.env });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      fs.closeSync(log);
      resolve({ ms: Math.round(performance.now() - started), exitCode });
    });
  });
}

interface JestReport {
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; status: string; startTime?: number; endTime?: number }[];
}

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

async function freshClone(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-fresh-clone-'));
  // mkdtemp makes it 0700; the tests whose steps run as an unprivileged user (blast radius) need to reach the az
  // stand-in in the clone, as they do in a clone under a directory others can traverse.
  fs.chmodSync(dir, 0o755);
  const logFile = path.join(dir, 'bench.log');
  const clone = path.join(dir, 'haymaker');
  const commit = await new Promise<string>((resolve, reject) => {
    const git = spawn('git', ['rev-parse', 'HEAD'], { cwd: root });
    let out = '';
    git.stdout.on('data', (d: Buffer) => (out += d.toString()));
    git.on('error', reject);
    git.on('close', () => resolve(out.trim()));
  });
  try {
    const loadBefore = load();
    const cloned = await run('git', ['clone', '--quiet', '--no-checkout', root, clone], dir, logFile);
    if (cloned.exitCode !== 0) throw new Error(`git clone failed; see ${logFile}`);
    await run('git', ['checkout', '--quiet', commit], clone, logFile);
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], clone, logFile);
    if (ci.exitCode !== 0) throw new Error(`npm ci failed in the clone; see ${logFile}`);
    const report = path.join(dir, 'jest-report.json');
    const test = await run('npm', ['test', '--', '--json', `--outputFile=${report}`], clone, logFile);
    const jest = fs.existsSync(report)
      ? (JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport)
      : undefined;
    // A failing run keeps its log (the clone itself goes) so the failure can be read.
    const keptLog =
      test.exitCode === 0 ? undefined : path.join(os.tmpdir(), `haymaker-fresh-clone-${Date.now()}.log`);
    if (keptLog) fs.copyFileSync(logFile, keptLog);
    const suiteMs = (jest?.testResults ?? [])
      .filter((r) => r.startTime !== undefined && r.endTime !== undefined)
      .map((r) => ({
        suite: path.relative(clone, r.name),
        ms: r.endTime! - r.startTime!,
        status: r.status,
      }))
      .sort((a, b) => b.ms - a.ms);
    return {
      freshClone: {
        wallMs: test.ms,
        npmCiMs: ci.ms,
        npmTestExitCode: test.exitCode,
        commit,
        suites: jest?.numTotalTestSuites,
        tests: jest?.numTotalTests,
        failedTests: jest?.numFailedTests,
        skippedTests: jest?.numPendingTests,
        failedSuites: suiteMs.filter((s) => s.status === 'failed').map((s) => s.suite),
        slowestSuites: suiteMs.slice(0, 10).map(({ suite, ms }) => ({ suite, ms })),
        sumOfSuiteMs: suiteMs.reduce((sum, s) => sum + s.ms, 0),
        cpus: os.cpus().length,
        loadAverageBefore: loadBefore,
        loadAverageAfter: load(),
        ...(keptLog ? { log: keptLog } : {}),
        note: 'npm test in a clone of the committed HEAD after npm ci; wallMs is npm test alone (build, lint, format check, jest)',
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const testsSection = { name: 'tests', run: freshClone };
