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
  /** Run as this (unprivileged) user instead of the agent's; needs the agent to be root. */
  runAs?: { uid: number; gid: number };
  /** Applied to the output before it is cut to the limit, so a cut never leaves half a secret unrecognised. */
  scrub?: (text: string) => string;
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

/** Extra bytes kept on each side of the cut, scrubbed and then dropped: longer than any secret shape. */
const SCRUB_MARGIN_BYTES = 64 * 1024;

/**
 * Keeps the first and last halves of a stream (errors are usually at the end, created ids at the start), each
 * with a margin, so the text can be scrubbed first and cut to the limit after.
 */
class BoundedOutput {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private dropped = 0;
  private total = 0;
  constructor(private readonly limit: number) {}

  private get half(): number {
    return Math.floor(this.limit / 2);
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const keepHead = this.half + SCRUB_MARGIN_BYTES;
    if (this.headBytes < keepHead) {
      const take = chunk.subarray(0, keepHead - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const keepTail = this.limit - this.half + SCRUB_MARGIN_BYTES;
    while (this.tailBytes > keepTail && this.tail.length > 0) {
      const excess = this.tailBytes - keepTail;
      const first = this.tail[0]!;
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
    return this.total > this.limit;
  }

  /** Scrubbed, then cut to the limit (in characters of the scrubbed text). */
  text(scrub: (text: string) => string): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (!this.truncated) return scrub(head + tail);
    if (this.dropped === 0) {
      const whole = scrub(head + tail);
      if (whole.length <= this.limit) return whole;
      const omitted = whole.length - this.limit;
      return `${whole.slice(0, this.half)}\n[… ${omitted} characters of output omitted …]\n${whole.slice(whole.length - (this.limit - this.half))}`;
    }
    const scrubbedHead = scrub(head).slice(0, this.half);
    const scrubbedTail = scrub(tail);
    const keptTail = scrubbedTail.slice(Math.max(0, scrubbedTail.length - (this.limit - this.half)));
    return `${scrubbedHead}\n[… ${this.total - this.limit} bytes of output omitted …]\n${keptTail}`;
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
      ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
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
        output: output.text(options.scrub ?? ((t) => t)),
        truncated: output.truncated,
        durationInMs: Date.now() - started,
      });
    });
  });
}
