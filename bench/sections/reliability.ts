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
// The e2e quick run (tests/e2e/helpers/haymaker-start.ts quickRunArgs): x600, a 30-minute window, one burst.
const COMMON = [
  '--scenario',
  ...SCENARIOS,
  '--time-scale',
  '600',
  '--operations-window-minutes',
  '30',
  '--bursts',
  '1',
  '--timeout-minutes',
  '10',
  '--setting',
  'PHASE_DEADLINE_MINUTES=1200',
  'BURST_DEADLINE_MINUTES=600',
  'AGENT_CRASH_GRACE_SECONDS=3',
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
  try {
    const result = await runWithKills({
      dataDir,
      newRunArgs: ['--run-id', randomUUID()],
      commonArgs: COMMON,
      kills,
      seed: `bench-chaos-${kills}`,
      delayMs: { min: 1_500, max: 9_000 },
      finalTimeoutMs: 12 * 60_000,
      log: (m) => process.stderr.write(`${m}\n`),
    });
    const last = result.final.stdout.trim().split('\n').pop() ?? '';
    const final = (last.startsWith('{') ? JSON.parse(last) : {}) as {
      cleanupVerified?: boolean;
      report?: { jsonPath: string };
    };
    const report =
      final.report && fs.existsSync(final.report.jsonPath)
        ? (JSON.parse(fs.readFileSync(final.report.jsonPath, 'utf8')) as RunReport)
        : undefined;
    const phases = report?.scenarios.flatMap((s) => s.phases) ?? [];
    return {
      kills: result.kills,
      scenarios: report?.scenarios.length ?? 0,
      succeeded: report?.scenarios.filter((s) => s.status === 'succeeded').length ?? 0,
      retriedPhases: phases.filter((p) => (p.crashes?.length ?? 0) > 0).length,
      wallMs: result.wallMs,
      exitCode: result.final.code,
      ...(final.cleanupVerified !== undefined ? { cleanupVerified: final.cleanupVerified } : {}),
      ...(report ? { leaked: report.summary.leaked } : {}),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
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
