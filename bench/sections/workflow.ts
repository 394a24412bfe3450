// Workflow figures: history per scenario (8 h vs 80 h window, same bursts), and whole runs at scale.
// - historyEventsPerScenario: the real scenario orchestration on the embedded host, fake activities (the
//   testkit/orchestration-harness.ts), manual clock.
// - scale.s30: a real `haymaker start --size large` (sandbox cloud, embedded host, real agent processes, scaled clock)
//   as a child process; peak RSS is that process's (sandbox + host), agents excluded.
// - scale.s300 / s1000 / s3000: the library holds 50 scenarios and a run never repeats one, so these run the real run
//   and scenario orchestrations over synthetic scenario ids with the harness's fake activities (no sandbox, no
//   agents): what they measure is the host and the orchestrations at that fan-out. cpuSeconds (this process) and the
//   1-minute load average before and after say how much of the wall time was this run's on a shared machine.
//   runDetailReadMs: after the run, what GET /api/v1/runs/{id} reads (triggers/http/run-view.ts loadRun: the run
//   entity, its roster and one shard per scenario) through the durable-functions SDK's client over the host's HTTP
//   webhooks, as the app reads it; the median of 3 reads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { ScenarioOrchestrationInput } from '../../contract/orchestrations';
import { ensureSandboxTls } from '../../sandbox/core/tls';
import { drive, startHarness, type Harness } from '../../testkit/orchestration-harness';
import { haymakerStartArgv } from '../../testkit/haymaker-start-command';
import { loadRun, runDetail } from '../../triggers/http/run-view';
import { sdkDurableClient } from '../../testkit/sdk-durable-client';
import { historyBreakdown } from '../history-breakdown';

const startBenchHarness = () =>
  startHarness({ env: { SCHEDULE_CRON: '0 0 0 1 1 *', JANITOR_CRON: '0 0 0 1 1 *' } });

async function historyPerScenario(): Promise<Record<string, unknown>> {
  const h = await startBenchHarness();
  try {
    const bursts = 8;
    const lengthFor = async (windowMinutes: number, tag: string) => {
      const now = h.host.clock.now();
      const runId = `bench-history-${tag}`;
      const scenarioId = `compute-0${tag === '8h' ? 1 : 2}-history`;
      // What the run orchestration hands a scenario today: a grant plan (the resource-group step) and collectHay.
      const input: ScenarioOrchestrationInput = {
        runId,
        scenarioId,
        grants: { resourceGroups: [`rg-${scenarioId}`], roles: ['Contributor'] },
        collectHay: true,
        burstDriver: true,
        seed: 'bench',
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + (windowMinutes / 60 + 4) * 3_600_000).toISOString(),
        settings: {
          subscriptionId: '22222222-2222-2222-2222-222222222222',
          location: 'eastus',
          operationsWindowMinutes: windowMinutes,
          operationBursts: bursts,
          rolePropagationSeconds: 60,
          phaseDeadlineMinutes: 60,
          burstDeadlineMinutes: 20,
          phaseCrashRetries: 2,
          runExpiryHours: windowMinutes / 60 + 4,
        },
      };
      const instanceId = `${runId}:${scenarioId}`;
      await h.host.client.startNew(SCENARIO_ORCHESTRATION, { instanceId, input });
      // 80 h of manual clock in 5-minute steps: give it real time.
      await drive(h, instanceId, 120_000, 10 * 60_000);
      const stats = h.host.client.stats(instanceId)!;
      const status = await h.host.client.getStatus(instanceId, { showHistory: true });
      const breakdown = historyBreakdown((status?.historyEvents ?? []) as Record<string, unknown>[]);
      return { events: stats.historyLength, episodes: stats.replayEpisodes, breakdown };
    };
    const short = await lengthFor(480, '8h');
    const long = await lengthFor(4800, '80h');
    return {
      window8h: short.events,
      window80h: long.events,
      bursts,
      replayEpisodes8h: short.episodes,
      replayEpisodes80h: long.episodes,
      breakdown8h: short.breakdown,
    };
  } finally {
    await h.stop();
  }
}

async function fakeScale(n: number): Promise<Record<string, unknown>> {
  const h = await startBenchHarness();
  // Every 500 ms, RSS alone: at 100 ms the reads showed as 1.4-6.6 s of an s1000 run's CPU profile (more on a
  // loaded machine), and a run of minutes grows its heap over seconds.
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);
  const loadBefore = os.loadavg()[0];
  const cpuBefore = process.cpuUsage();
  try {
    h.world.selectScenarios = Array.from(
      { length: n },
      (_, i) => `bench-${String(i % 100).padStart(2, '0')}-s${i}`,
    );
    const runId = `bench-scale-${n}`;
    const started = performance.now();
    await h.host.client.startNew(RUN_ORCHESTRATION, {
      instanceId: runId,
      input: { trigger: 'api', operationBursts: 2, operationsWindowMinutes: 60 },
    });
    // Real-time bound: 20 minutes, more for the largest runs on a loaded machine.
    const status = await drive(h, runId, Math.max(20, n / 50) * 60_000, 10 * 60_000);
    const wallMs = Math.round(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    const detail = await timeRunDetail(h, runId, n);
    return {
      scenarios: n,
      wallMs,
      runDetailReadMs: detail,
      // Each of its episodes replays a history that grows with the run: the figure that keeps it linear.
      runReplayEpisodes: h.host.client.stats(runId)?.replayEpisodes,
      peakRssMb: Math.round(peakRss / 1048576),
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      loadAverage1m: [round1(loadBefore), round1(os.loadavg()[0])],
      runtimeStatus: status.runtimeStatus,
      mode: 'embedded host, real orchestrations, fake activities (manual clock)',
    };
  } finally {
    clearInterval(sampler);
    await h.stop();
  }
}

/** Median time of reading the run's detail as GET /api/v1/runs/{id} does; fails unless every scenario is in it. */
async function timeRunDetail(h: Harness, runId: string, n: number): Promise<number> {
  const client = sdkDurableClient(h.host);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { instance, entity } = await loadRun(client, runId);
    const detail = runDetail(runId, instance, entity, '');
    times.push(performance.now() - t0);
    if (detail.scenario_details.length !== n || detail.scenarios.total !== n)
      throw new Error(`run detail lists ${detail.scenario_details.length} of ${n} scenarios`);
  }
  return Math.round(times.sort((a, b) => a - b)[1]!);
}

function rssMbOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function realScale(size: 'large'): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-bench-s30-'));
  try {
    const tls = ensureSandboxTls(path.join(dataDir, 'sandbox', 'tls'));
    const args = haymakerStartArgv(dataDir, [
      '--size',
      size,
      '--time-scale',
      '300',
      '--operations-window-minutes',
      '60',
      '--bursts',
      '2',
      '--timeout-minutes',
      '15',
      '--setting',
      'PHASE_DEADLINE_MINUTES=1440',
      'BURST_DEADLINE_MINUTES=1440',
    ]);
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: dataDir,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caCertPath },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMbOf(child.pid!))), 250);
    const killer = setTimeout(() => child.kill('SIGKILL'), 16 * 60_000);
    // 30 agent processes share 2 cores: deadlines at the config maximum (1440 min = 288 s at x300) leave them room.
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearInterval(sampler);
    clearTimeout(killer);
    const wallMs = Math.round(performance.now() - started);
    const final = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      status?: string;
      cleanupVerified?: boolean;
      report?: { jsonPath: string };
    };
    const report =
      final.report && fs.existsSync(final.report.jsonPath)
        ? (JSON.parse(fs.readFileSync(final.report.jsonPath, 'utf8')) as {
            errors?: unknown[];
            summary?: { scenarios?: { total: number; succeeded: number } };
          })
        : undefined;
    if (final.status !== 'completed')
      fs.writeFileSync(path.join(os.tmpdir(), 'haymaker-bench-s30-last.out'), stdout.slice(-20_000));
    return {
      scenarios: report?.summary?.scenarios?.total ?? 0,
      wallMs,
      peakRssMb: Math.round(peak),
      exitCode: code,
      status: final.status,
      cleanupVerified: final.cleanupVerified,
      succeeded: report?.summary?.scenarios?.succeeded,
      ...(report?.errors?.length ? { runErrors: report.errors.slice(0, 3) } : {}),
      mode: 'haymaker start: sandbox cloud, embedded host, real agent processes, time x300, 60-minute window, 2 bursts; RSS of the start process',
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

const FIGURES = [
  'historyEventsPerScenario',
  'scale.s30',
  'scale.s300',
  'scale.s1000',
  'scale.s3000',
] as const;

async function run(only?: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const want = (figure: (typeof FIGURES)[number]) => !only || only.has(figure);
  const figures: Record<string, unknown> = {};
  if (want('historyEventsPerScenario')) figures.historyEventsPerScenario = await historyPerScenario();
  const scale: Record<string, unknown> = {};
  if (want('scale.s30')) scale.s30 = await realScale('large');
  if (want('scale.s300')) scale.s300 = await fakeScale(300);
  if (want('scale.s1000')) scale.s1000 = await fakeScale(1000);
  if (want('scale.s3000')) scale.s3000 = await fakeScale(3000);
  if (Object.keys(scale).length > 0) figures.scale = scale;
  return figures;
}

export const workflowSection = { name: 'workflow', figures: FIGURES, run };
