import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { ServiceContext } from '../core/service';
import type { ExecutionRecord } from './store';

const maxLogChars = 256 * 1024;
const killGraceMs = 2_000;

const append = (current: string, chunk: string) => {
  const next = current + chunk;
  return next.length > maxLogChars ? next.slice(next.length - maxLogChars) : next;
};

interface Running {
  child: ChildProcess;
  timeout?: NodeJS.Timeout;
  exited: Promise<void>;
  stopReason?: 'stopped' | 'timeout';
}

/** Runs executions as local child processes; the execution record follows the process. */
export class ExecutionRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly ctx: ServiceContext) {}

  start(
    record: ExecutionRecord,
    command: string[],
    env: Record<string, string>,
    timeoutSeconds: number,
  ): void {
    const now = () => new Date(this.ctx.clock.now()).toISOString();
    const finish = (status: ExecutionRecord['status'], reason?: string) => {
      if (record.endTime) return;
      record.status = status;
      record.endTime = now();
      if (reason) record.reason = reason;
    };
    let child: ChildProcess;
    // Each execution is a container of its own: its own home (where az keeps its login), gone when it ends.
    const home = mkdtempSync(join(tmpdir(), 'haymaker-execution-'));
    const removeHome = () => rmSync(home, { recursive: true, force: true });
    try {
      // detached: the execution gets its own process group, so stop() ends the whole tree it started.
      child = spawn(command[0], command.slice(1), {
        env: { ...env, HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (error) {
      removeHome();
      record.stderr = append(record.stderr, `could not start ${command[0]}: ${String(error)}\n`);
      finish('Failed', 'spawn error');
      return;
    }
    record.status = 'Running';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (record.stdout = append(record.stdout, c)));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (record.stderr = append(record.stderr, c)));
    const entry: Running = {
      child,
      exited: new Promise<void>((resolve) => {
        child.on('error', (error) => {
          record.stderr = append(record.stderr, `could not start ${command[0]}: ${error.message}\n`);
          finish('Failed', 'spawn error');
          resolve();
        });
        child.on('close', (code, signal) => {
          record.exitCode = code;
          if (entry.stopReason === 'stopped') finish('Stopped', 'stopped');
          else if (entry.stopReason === 'timeout')
            finish('Failed', `replicaTimeout of ${timeoutSeconds}s exceeded`);
          else if (code === 0) finish('Succeeded');
          else finish('Failed', signal ? `killed by ${signal}` : `exit code ${code}`);
          resolve();
        });
      }).finally(() => {
        if (entry.timeout) clearTimeout(entry.timeout);
        this.running.delete(record.id);
        removeHome();
      }),
    };
    entry.timeout = setTimeout(() => {
      entry.stopReason = 'timeout';
      this.kill(entry);
    }, timeoutSeconds * 1000);
    this.running.set(record.id, entry);
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Stops one execution: SIGTERM to its process group, SIGKILL after a grace period; resolves when it exited. */
  async stop(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    entry.stopReason ??= 'stopped';
    await this.kill(entry);
  }

  /** Kills an execution's process group at once (SIGKILL): the execution ends Failed, as after an agent crash. */
  async crash(id: string): Promise<boolean> {
    const entry = this.running.get(id);
    if (!entry) return false;
    try {
      if (entry.child.pid) process.kill(-entry.child.pid, 'SIGKILL');
    } catch {
      entry.child.kill('SIGKILL');
    }
    await entry.exited;
    return true;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private async kill(entry: Running): Promise<void> {
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (entry.child.pid) process.kill(-entry.child.pid, sig);
      } catch {
        entry.child.kill(sig);
      }
    };
    signal('SIGTERM');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      entry.exited,
      new Promise<void>((resolve) => {
        grace = setTimeout(() => {
          signal('SIGKILL');
          resolve();
        }, killGraceMs);
      }),
    ]);
    if (grace) clearTimeout(grace);
    // A grandchild that escaped the group could hold the pipes open: wait a bounded time, then let go.
    let last: NodeJS.Timeout | undefined;
    await Promise.race([
      entry.exited,
      new Promise<void>((resolve) => (last = setTimeout(resolve, killGraceMs))),
    ]);
    if (last) clearTimeout(last);
    entry.child.stdout?.destroy();
    entry.child.stderr?.destroy();
  }
}
