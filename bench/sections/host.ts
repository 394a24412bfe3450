// Embedded host figures: fan-out, sequential replay cost, and resuming in-flight instances.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedHost, EmbeddedHost } from '../../embedded-host';

const appEntry = path.resolve(__dirname, '..', '..', 'tests', 'embedded-host', 'apps', 'basic-app.js');

const dirs: string[] = [];

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-bench-'));
  dirs.push(dir);
  return dir;
}

function removeDataDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

async function host(dir: string, startAt?: number): Promise<EmbeddedHost> {
  return startEmbeddedHost({
    appEntry,
    dataDir: dir,
    port: 0,
    clock: startAt === undefined ? { kind: 'real' } : { kind: 'manual', startAt },
    env: { TEST_TIMER_SCHEDULE: '0 0 0 1 1 *' },
    logger: () => undefined,
  });
}

async function parallel1000(): Promise<Record<string, unknown>> {
  const h = await host(dataDir());
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  try {
    const started = performance.now();
    const id = await h.client.startNew('fanOut', { input: 1000 });
    const done = await h.client.waitForCompletion(id, { timeoutMs: 120_000 });
    if (done.output !== 999_000) throw new Error(`fan-out returned ${String(done.output)}`);
    const wallMs = Math.round(performance.now() - started);
    const stats = h.client.stats(id);
    return {
      wallMs,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      replayEpisodes: stats?.replayEpisodes,
      historyLength: stats?.historyLength,
      activityConcurrency: 10,
    };
  } finally {
    clearInterval(sampler);
    await h.stop();
  }
}

async function sequential200(): Promise<Record<string, unknown>> {
  const h = await host(dataDir());
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  try {
    const started = performance.now();
    const id = await h.client.startNew('sequentialN', { input: 200 });
    await h.client.waitForCompletion(id, { timeoutMs: 300_000 });
    const wallMs = Math.round(performance.now() - started);
    const stats = h.client.stats(id);
    return {
      wallMs,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      replayEpisodes: stats?.replayEpisodes,
      historyLength: stats?.historyLength,
    };
  } finally {
    clearInterval(sampler);
    await h.stop();
  }
}

async function resume100(): Promise<Record<string, unknown>> {
  const dir = dataDir();
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const first = await host(dir, t0);
  const ids: string[] = [];
  for (let i = 0; i < 100; i++)
    ids.push(
      await first.client.startNew('timerVsEvent', { instanceId: `resume-${i}`, input: { timerMs: 60_000 } }),
    );
  const deadline = Date.now() + 60_000;
  while ((await first.client.listInstances({ runtimeStatus: ['Running'] })).length < 100) {
    if (Date.now() > deadline) throw new Error('100 instances did not reach Running within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  await first.stop();
  // The second host starts after every timer is due: all 100 resume from disk and finish.
  const started = performance.now();
  const second = await host(dir, t0 + 3_600_000);
  try {
    await Promise.all(ids.map((id) => second.client.waitForCompletion(id, { timeoutMs: 120_000 })));
    return { wallMs: Math.round(performance.now() - started), instances: ids.length };
  } finally {
    await second.stop();
  }
}

const FIGURES = ['parallelActivities1000', 'sequentialActivities200', 'resume100'] as const;

export const hostSection = {
  name: 'host',
  figures: FIGURES,
  run: async (only?: ReadonlySet<string>): Promise<Record<string, unknown>> => {
    const want = (figure: (typeof FIGURES)[number]) => !only || only.has(figure);
    try {
      return {
        ...(want('parallelActivities1000') ? { parallelActivities1000: await parallel1000() } : {}),
        ...(want('sequentialActivities200') ? { sequentialActivities200: await sequential200() } : {}),
        ...(want('resume100') ? { resume100: await resume100() } : {}),
      };
    } finally {
      removeDataDirs();
    }
  },
};
