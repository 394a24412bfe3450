// Runs one bash script the way a scenario author expects (`bash -euo pipefail`), bounded in time and output.
import { spawn } from 'node:child_process';

export interface RunBashOptions {
  script: string;
  env: NodeJS.ProcessEnv;
  timeoutInMs: number;
  outputLimitInBytes: number;
  cwd?: string;
  /** After SIGTERM, how long the process group gets before SIGKILL. */
  killGraceInMs?: number;
}

export interface BashResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** stdout and stderr interleaved in arrival order; head and tail kept when over the limit. */
  output: string;
  truncated: boolean;
  durationInMs: number;
}

/** Keeps the first and last halves of a stream: errors are usually at the end, created ids at the start. */
class BoundedOutput {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private dropped = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    const half = Math.floor(this.limit / 2);
    if (this.headBytes < half) {
      const take = chunk.subarray(0, half - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes > this.limit - half && this.tail.length > 0) {
      const excess = this.tailBytes - (this.limit - half);
      const first = this.tail[0];
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.dropped += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.dropped += excess;
      }
    }
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    return this.dropped > 0 ? `${head}\n[… ${this.dropped} bytes of output omitted …]\n${tail}` : head + tail;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function runBash(options: RunBashOptions): Promise<BashResult> {
  const started = Date.now();
  const output = new BoundedOutput(options.outputLimitInBytes);
  return new Promise((resolve, reject) => {
    // detached: the step gets its own process group, so a timeout kills everything it started.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', options.script], {
      env: options.env,
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), options.killGraceInMs ?? 2000);
    }, options.timeoutInMs);
    child.stdout.on('data', (c: Buffer) => output.push(c));
    child.stderr.on('data', (c: Buffer) => output.push(c));
    child.on('error', (error) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      reject(
        new Error(`could not start bash for a scenario step: ${error.message} — is bash installed on PATH?`),
      );
    });
    child.on('exit', () => {
      // Background processes a step left behind would hold the pipes open: end the whole group.
      killGroup(child.pid, 'SIGKILL');
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      resolve({
        exitCode,
        signal,
        timedOut,
        output: output.text(),
        truncated: output.truncated,
        durationInMs: Date.now() - started,
      });
    });
  });
}
