// SIGKILL during group commit: a child host takes a flood of starts and events (many writes per log batch); the
// kill lands while a batch is written but not yet synced, or at any moment under load. A new host over the same
// task hub must hold every start and every event the child acknowledged with 202, and finish each instance.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startEmbeddedHost } from '../../embedded-host';
import { appPath, repoRoot, tempDataDir } from './start-test-host';

/** The durable webhooks need the host key the runner starts with (apps/*-runner.ts). */
const WEBHOOK_KEY = 'code=crash-runner-host-key';

const runner = path.join(repoRoot, 'dist', 'tests', 'embedded-host', 'apps', 'commit-crash-runner.js');
const INSTANCES = 120;

interface Acknowledged {
  started: Set<string>;
  released: Map<string, number>;
}

function startChild(dataDir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [runner, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = (pattern: RegExp, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child printed no ${pattern} within ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      const check = (): void => {
        const hit = stdout.split('\n').find((l) => pattern.test(l));
        if (hit === undefined) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(hit);
      };
      const onData = (d: Buffer): void => {
        stdout += d.toString();
        check();
      };
      child.stdout!.on('data', onData);
      check();
    });
  return { child, exited, line };
}

/** Starts INSTANCES waiting instances and releases each once started; records every 202. */
function flood(url: string, acknowledged: Acknowledged): Promise<unknown> {
  const hook = `${url}/runtime/webhooks/durabletask`;
  return Promise.allSettled(
    Array.from({ length: INSTANCES }, async (_, i) => {
      const id = `gc-${i}`;
      const started = await fetch(`${hook}/orchestrators/waitForever/${id}?${WEBHOOK_KEY}`, {
        method: 'POST',
      });
      if (started.status !== 202) return;
      acknowledged.started.add(id);
      const released = await fetch(`${hook}/instances/${id}/raiseEvent/release?${WEBHOOK_KEY}`, {
        method: 'POST',
        body: JSON.stringify(i),
      });
      if (released.status === 202) acknowledged.released.set(id, i);
    }),
  );
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

async function expectEverythingAcknowledged(dataDir: string, acknowledged: Acknowledged): Promise<void> {
  const host = await startEmbeddedHost({
    appEntry: appPath('basic-app'),
    dataDir,
    port: 0,
    clock: { kind: 'real' },
    env: { TEST_TIMER_SCHEDULE: '0 0 0 1 1 *' },
    logger: () => undefined,
  });
  try {
    for (const id of acknowledged.started) expect(await host.client.getStatus(id)).toBeDefined();
    for (const [id, data] of acknowledged.released) {
      const done = await host.client.waitForCompletion(id, { timeoutMs: 20_000 });
      expect({ id, output: done.output }).toEqual({ id, output: data });
    }
  } finally {
    await host.stop();
  }
}

describe('embedded host: SIGKILL during group commit', () => {
  // A slow disk folds the flood into a few large batches (about 6 at 50 ms a sync, 60 without delay).
  it.each([
    { disk: 'a fast disk', syncDelayMs: '0' },
    { disk: 'a slow disk', syncDelayMs: '50' },
  ])(
    'keeps every acknowledged start and event when killed with a batch written but not synced ($disk)',
    async ({ syncDelayMs }) => {
      const dataDir = tempDataDir();
      const { child, exited, line } = startChild(dataDir, {
        STALL_AT_FIRST_EVENT: 'release',
        SYNC_DELAY_MS: syncDelayMs,
      });
      const acknowledged: Acknowledged = { started: new Set(), released: new Map() };
      try {
        const { url } = JSON.parse(await line(/^\{"url"/, 15_000)) as { url: string };
        void flood(url, acknowledged);
        await line(/^stalled$/, 20_000);
        // Requests whose writes are in the stalled batch (at least the first release) or queued behind it stay
        // unanswered; every release follows an acknowledged start.
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await kill(child, exited);
      }
      expect(acknowledged.started.size).toBeGreaterThan(0);
      expect(acknowledged.started.size + acknowledged.released.size).toBeLessThan(2 * INSTANCES);
      await expectEverythingAcknowledged(dataDir, acknowledged);
    },
  );

  it('keeps every acknowledged start and event when killed at an arbitrary moment under load', async () => {
    const dataDir = tempDataDir();
    const { child, exited, line } = startChild(dataDir, {});
    const acknowledged: Acknowledged = { started: new Set(), released: new Map() };
    try {
      const { url } = JSON.parse(await line(/^\{"url"/, 15_000)) as { url: string };
      void flood(url, acknowledged);
      const deadline = Date.now() + 20_000;
      while (acknowledged.released.size < INSTANCES / 4 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 1));
    } finally {
      await kill(child, exited);
    }
    expect(acknowledged.released.size).toBeGreaterThanOrEqual(INSTANCES / 4);
    await expectEverythingAcknowledged(dataDir, acknowledged);
  });
});
