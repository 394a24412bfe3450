// reliability.chaos: a real local run (`haymaker start`: sandbox cloud, embedded host, real agent processes, x600)
// whose whole stack is SIGKILLed 20 times at seeded random moments (testkit/chaos-run.ts), then started once more to
// the end: how many scenarios still produced their activity, how many phases ran again after a crash, and the wall
// time beside the same run's wall time without kills (reliability.normal).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { runWithKills } from '../../testkit/chaos-run';
import type { RunReport } from '../../contract/report';
import type { BenchSection } from '../selection';

const KILLS = 20;
const SCENARIOS = [
  'networking-02-nsg-rule-hygiene',
  'web-apps-01-free-tier-landing-page',
  'security-02-storage-account-hardening',
];
// Like the e2e quick run (tests/e2e/helpers/haymaker-start.ts quickRunArgs, x600) but with 8 bursts over a 40-hour
// window (4 minutes of wall time): the scaled clock runs on while the stack is down, so with a short window the run
// ended after 8 to 15 kills; this one lasts long enough for 20 kills to land during it.
const COMMON = [
  '--scenario',
  ...SCENARIOS,
  '--time-scale',
  '600',
  '--operations-window-minutes',
  '2400',
  '--bursts',
  '8',
  '--timeout-minutes',
  '10',
  '--setting',
  'PHASE_DEADLINE_MINUTES=1200',
  'BURST_DEADLINE_MINUTES=600',
  'AGENT_CRASH_GRACE_SECONDS=3',
  // The stack's kills take its agents with them (in Azure a job outlives the Functions host), so one phase can be
  // killed at several kills in a row: the retry bound is the setting's maximum, not the default 2 meant for a job
  // that keeps dying on its own. With the default, 20 kills exhausted it in every scenario's deploy.
  'PHASE_CRASH_RETRIES=10',
  // The window outlasts the default expiry (bursts in a run's last 30 minutes are dropped).
  'RUN_EXPIRY_HOURS=48',
];

interface Figure {
  kills: number;
  scenarios: number;
  succeeded: number;
  retriedPhases: number;
  wallMs: number;
  exitCode: number | null;
  cleanupVerified?: boolean;
  leaked?: RunReport['summary']['leaked'];
}

async function measure(kills: number): Promise<Figure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-bench-chaos-'));
  const runId = randomUUID();
  try {
    const result = await runWithKills({
      dataDir,
      newRunArgs: ['--run-id', runId],
      commonArgs: COMMON,
      kills,
      seed: `bench-chaos-${kills}`,
      // Up to 20 s: a restarted deploy needs the stack up, the watchdog's grace and some 7 s of agent time; with kills
      // at most 9 s apart (the e2e test's range) no deploy ever finished, whatever the retry bound.
      delayMs: { min: 1_500, max: 20_000 },
      finalTimeoutMs: 12 * 60_000,
      log: (m) => process.stderr.write(`${m}\n`),
    });
    // The chaos run's own report, whichever start finished it (never another run's).
    const reportPath = path.join(dataDir, 'reports', runId, 'report.json');
    const report = fs.existsSync(reportPath)
      ? (JSON.parse(fs.readFileSync(reportPath, 'utf8')) as RunReport)
      : undefined;
    const phases = report?.scenarios.flatMap((s) => s.phases) ?? [];
    return {
      kills: result.kills,
      scenarios: report?.scenarios.length ?? 0,
      succeeded: report?.scenarios.filter((s) => s.status === 'succeeded').length ?? 0,
      retriedPhases: phases.filter((p) => (p.crashes?.length ?? 0) > 0).length,
      wallMs: result.wallMs,
      // Unknown when the run ended between a kill and the next start (no start printed its end).
      exitCode: result.endedBeforeRestart ? null : result.final.code,
      ...(report ? { cleanupVerified: report.summary.cleanupVerified } : {}),
      ...(report ? { leaked: report.summary.leaked } : {}),
    };
  } finally {
    if (process.env.HAYMAKER_BENCH_KEEP) process.stderr.write(`kept ${dataDir}\n`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const FIGURES = ['normal', 'chaos'] as const;

export const reliabilitySection: BenchSection = {
  name: 'reliability',
  figures: FIGURES,
  async run(only) {
    const figures: Record<string, unknown> = {};
    if (!only || only.has('normal')) figures.normal = await measure(0);
    if (!only || only.has('chaos')) figures.chaos = await measure(KILLS);
    return figures;
  },
};
