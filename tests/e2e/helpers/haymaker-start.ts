// Runs `haymaker start` (compiled dist/) as a child process on a temporary data dir, the way a user does. The sandbox
// CA is made here first and trusted through NODE_EXTRA_CA_CERTS so the command does not re-execute itself: the pid
// the test holds is the process that runs the sandbox and the host, and SIGKILL hits exactly it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haymakerStartArgv } from '../../../testkit/haymaker-start-command';
import { ensureSandboxTls } from '../../../sandbox/core/tls';

export interface StartResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last JSON line of stdout, when the command finished normally. */
  final?: {
    runId: string;
    status: string;
    cleanupVerified: boolean;
    report: { jsonPath: string; htmlPath: string };
  };
  /** The last JSON line of stdout when the run orchestration ended Failed (no report: the run stopped before it). */
  failed?: { runId: string; status: 'failed'; error: string };
}

export interface StartRun {
  child: ChildProcess;
  /** Resolves once a stdout line satisfies the predicate (or rejects when the process ends first). */
  waitForLine(predicate: (line: string) => boolean, timeoutMs: number): Promise<string>;
  done: Promise<StartResult>;
}

export function makeDataDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `haymaker-e2e-${prefix}-`));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts `haymaker start --json --port 0 --data-dir <dataDir> ...args`; the process is killed at `timeoutMs`. */
export function startHaymaker(dataDir: string, args: string[], timeoutMs: number): StartRun {
  const tls = ensureSandboxTls(join(dataDir, 'sandbox', 'tls'));
  const child = spawn(process.execPath, haymakerStartArgv(dataDir, args), {
    cwd: dataDir,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caCertPath, HAYMAKER_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const watchers = new Set<(line: string) => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) for (const w of watchers) w(line);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<StartResult>((resolveDone) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      // 'exit' can precede the last 'data' events; 'close' follows them.
      child.on('close', () => {
        const last = stdout.trim().split('\n').pop() ?? '';
        let final: StartResult['final'];
        let failed: StartResult['failed'];
        try {
          const parsed = JSON.parse(last) as Record<string, unknown> | null;
          if (parsed && 'report' in parsed) final = parsed as StartResult['final'];
          else if (parsed && parsed.status === 'failed' && typeof parsed.error === 'string')
            failed = parsed as StartResult['failed'];
        } catch {
          final = undefined;
        }
        resolveDone({
          code,
          signal,
          stdout,
          stderr,
          ...(final ? { final } : {}),
          ...(failed ? { failed } : {}),
        });
      });
    });
  });
  const waitForLine = (predicate: (line: string) => boolean, ms: number) =>
    new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        fail(
          new Error(
            `no matching line from haymaker start within ${ms} ms; stdout so far:\n${stdout.slice(-2000)}\nstderr:\n${stderr.slice(-2000)}`,
          ),
        );
      }, ms);
      const watcher = (line: string) => {
        if (!predicate(line)) return;
        clearTimeout(timer);
        watchers.delete(watcher);
        ok(line);
      };
      watchers.add(watcher);
      void done.then(() => {
        if (!watchers.has(watcher)) return;
        clearTimeout(timer);
        watchers.delete(watcher);
        fail(
          new Error(
            `haymaker start ended before a matching line; stdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr.slice(-2000)}`,
          ),
        );
      });
    });
  return { child, waitForLine, done };
}

/** Common arguments for a quick run: explicit scenarios, a fast clock, a short window and one burst. */
export function quickRunArgs(scenarios: string[], extra: string[] = []): string[] {
  return [
    '--scenario',
    ...scenarios,
    '--time-scale',
    '600',
    '--operations-window-minutes',
    '30',
    '--bursts',
    '1',
    '--timeout-minutes',
    '4',
    // Agent jobs run in wall-clock time on a loaded machine; deadlines (orchestration time) must leave them room.
    '--setting',
    'PHASE_DEADLINE_MINUTES=1200',
    'BURST_DEADLINE_MINUTES=600',
    ...extra,
  ];
}
