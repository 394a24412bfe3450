import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEmbeddedHost } from '../../embedded-host';
import { repoRoot, tempDataDir } from './start-test-host';

/** The durable webhooks need the host key the runner starts with (apps/*-runner.ts). */
const WEBHOOK_KEY = 'code=crash-runner-host-key';

const runner = path.join(repoRoot, 'dist', 'tests', 'embedded-host', 'apps', 'crash-runner.js');

describe('embedded host: crash safety', () => {
  it('finishes a workflow killed with SIGKILL mid-flight (activities, timer, event pending) in a new process', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, [runner, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`crash runner did not start within 15 s: ${stderr}`)),
          15_000,
        );
        child.stdout.once('data', (d: Buffer) => {
          clearTimeout(timer);
          resolve((JSON.parse(d.toString().split('\n')[0]) as { url: string }).url);
        });
      });
      const hook = `${url}/runtime/webhooks/durabletask`;
      expect(
        (await fetch(`${hook}/orchestrators/crashFlow/crash-1?${WEBHOOK_KEY}`, { method: 'POST' })).status,
      ).toBe(202);
      // Activities take 400 ms; the first batch is in flight now.
      await new Promise((r) => setTimeout(r, 150));
      expect(
        (
          await fetch(`${hook}/instances/crash-1/raiseEvent/approve?${WEBHOOK_KEY}`, {
            method: 'POST',
            body: JSON.stringify('lead'),
          })
        ).status,
      ).toBe(202);
      // Let the first batch finish and the timer be armed, then kill with the timer pending.
      await new Promise((r) => setTimeout(r, 700));
      const status = (await (
        await fetch(`${hook}/instances/crash-1?showHistory=true&${WEBHOOK_KEY}`)
      ).json()) as {
        runtimeStatus: string;
        historyEvents: { EventType: string }[];
      };
      expect(status.runtimeStatus).toBe('Running');
      child.kill('SIGKILL');
      await exited;
      const events = status.historyEvents.map((e) => e.EventType);
      expect(events).toContain('TaskScheduled');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }

    const host = await startEmbeddedHost({
      appEntry: path.join(repoRoot, 'dist', 'tests', 'embedded-host', 'apps', 'crash-app.js'),
      dataDir,
      port: 0,
      clock: { kind: 'real' },
      logger: () => undefined,
    });
    try {
      const done = await host.client.waitForCompletion('crash-1', { timeoutMs: 20_000 });
      expect(done.runtimeStatus).toBe('Completed');
      expect(done.output).toEqual({ sum: 1 + 4 + 9 + 16 + 25 + 36, approvedBy: 'lead' });
    } finally {
      await host.stop();
    }
  });

  it('loses no acknowledged start or event when killed right after the 202', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, [runner, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('crash runner did not start within 15 s')), 15_000);
        child.stdout.once('data', (d: Buffer) => {
          clearTimeout(timer);
          resolve((JSON.parse(d.toString().split('\n')[0]) as { url: string }).url);
        });
      });
      const hook = `${url}/runtime/webhooks/durabletask`;
      expect(
        (await fetch(`${hook}/orchestrators/crashFlow/crash-2?${WEBHOOK_KEY}`, { method: 'POST' })).status,
      ).toBe(202);
      expect(
        (
          await fetch(`${hook}/instances/crash-2/raiseEvent/approve?${WEBHOOK_KEY}`, {
            method: 'POST',
            body: JSON.stringify('ops'),
          })
        ).status,
      ).toBe(202);
      child.kill('SIGKILL');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    const host = await startEmbeddedHost({
      appEntry: path.join(repoRoot, 'dist', 'tests', 'embedded-host', 'apps', 'crash-app.js'),
      dataDir,
      port: 0,
      clock: { kind: 'real' },
      logger: () => undefined,
    });
    try {
      const done = await host.client.waitForCompletion('crash-2', { timeoutMs: 20_000 });
      expect(done.output).toEqual({ sum: 91, approvedBy: 'ops' });
    } finally {
      await host.stop();
    }
  });
});
