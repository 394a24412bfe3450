// The run report, built by a pure function from what the orchestration knew, the audit trail, the
// ledger and a fresh look at the tenant. Pure so the HTML renderer, the CLI and tests can reuse it.
import type { AuditEventRecord, LedgerEntry } from '../adapters/audit-store';
import type {
  LeakCounts,
  RunReport,
  RunReportInput,
  ScenarioCoverage,
  ScenarioReport,
  ScenarioReportInput,
} from '../contract/report';
import { regionSpread } from '../core/regions';

export interface BuildReportInput {
  runId: string;
  run?: RunReportInput;
  stoppedAs?: 'failed' | 'terminated';
  events: AuditEventRecord[];
  ledger: LedgerEntry[];
  leftovers: { kind: keyof LeakCounts; id: string }[];
  generatedAt: string;
}

/**
 * Without the orchestration's view (a run that stopped before its report, a CLI rebuild), the audit trail supplies
 * the run's frame. For a stopped run, a scenario counts as succeeded only if its cleanup phase completed.
 */
function runFrameFromEvents(
  runId: string,
  events: AuditEventRecord[],
  generatedAt: string,
  stoppedAs?: 'failed' | 'terminated',
): RunReportInput {
  const started = events.find((e) => e.type === 'execution_started');
  const completed = events.find((e) => e.type === 'execution_completed');
  const selected = events.find((e) => e.type === 'scenario_selected');
  const ids = Array.isArray(selected?.data.scenarioIds)
    ? (selected!.data.scenarioIds as string[])
    : [...new Set(events.flatMap((e) => (e.scenarioId ? [e.scenarioId] : [])))];
  const status =
    stoppedAs ??
    (completed?.data.status === 'completed' || completed?.data.status === 'terminated'
      ? completed.data.status
      : 'failed');
  return {
    size: typeof started?.data.size === 'string' ? (started.data.size as RunReportInput['size']) : undefined,
    seed: typeof started?.data.seed === 'string' ? started.data.seed : runId,
    startedAt: started?.timestamp ?? events[0]?.timestamp ?? generatedAt,
    endedAt: completed?.timestamp ?? generatedAt,
    status,
    scenarios: ids.map((scenarioId) => {
      const failed = events.some((e) => e.scenarioId === scenarioId && e.type === 'phase_failed');
      const finished = events.some(
        (e) => e.scenarioId === scenarioId && e.type === 'phase_completed' && e.phase === 'cleanup',
      );
      const cut = stoppedAs !== undefined && !finished;
      return {
        scenarioId,
        status: failed || cut ? 'failed' : 'succeeded',
        phases: [],
        leftoversFound: 0,
        forceDeleted: 0,
        cleanupVerified: false,
        principalVerifiedGone: false,
        errors: cut
          ? [
              `the run ${stoppedAs === 'terminated' ? 'was terminated' : 'failed'} before this scenario finished`,
            ]
          : [],
      };
    }),
    sweep: { found: 0, deleted: 0, failed: [] },
    ...(stoppedAs
      ? {
          errors: [
            `the run ${stoppedAs === 'terminated' ? 'was terminated' : 'failed'} before it finished; the janitor removed what it left and wrote this report`,
          ],
        }
      : {}),
  };
}

function countLeaks(leftovers: BuildReportInput['leftovers']): LeakCounts {
  const counts: LeakCounts = {
    resources: 0,
    principals: 0,
    appRegistrations: 0,
    roleAssignments: 0,
    secrets: 0,
  };
  for (const l of leftovers) counts[l.kind] += 1;
  return counts;
}

function coverageOf(hay: ScenarioReportInput['hay']): ScenarioCoverage {
  const empty = { expected: [], observed: [], missing: [], unexpected: [] };
  if (!hay) return { ...empty, collected: false };
  if ('error' in hay) return { ...empty, collected: false, error: hay.error };
  return { ...hay.coverage, collected: true, hayFile: hay.file, events: hay.events };
}

export function buildRunReport(input: BuildReportInput): RunReport {
  const run = input.run ?? runFrameFromEvents(input.runId, input.events, input.generatedAt, input.stoppedAs);
  const leaked = countLeaks(input.leftovers);
  // A resource is gone when the agent or the cleanup deleted it, or when it was created and the fresh look at the
  // tenant no longer finds it (a child removed with its resource group is never reported deleted on its own).
  const stillThere = new Set(
    input.leftovers.filter((l) => l.kind === 'resources').map((l) => l.id.toLowerCase()),
  );
  const gone = (e: LedgerEntry) =>
    e.deleted || e.forceDeleted || (e.created && !stillThere.has(e.resourceId.toLowerCase()));
  const scenarios: ScenarioReport[] = run.scenarios.map((s) => {
    const ledger = input.ledger.filter((e) => e.scenarioId === s.scenarioId);
    return {
      scenarioId: s.scenarioId,
      status: s.status,
      phases: s.phases,
      resourcesCreated: ledger.filter((e) => e.created).length,
      resourcesDeleted: ledger.filter(gone).length,
      forceDeleted: Math.max(s.forceDeleted, ledger.filter((e) => e.forceDeleted).length),
      leftoversFound: s.leftoversFound,
      cleanupVerified: s.cleanupVerified,
      principalVerifiedGone: s.principalVerifiedGone,
      errors: s.errors,
      coverage: coverageOf(s.hay),
      ...(s.region ? { region: s.region } : {}),
    };
  });
  const nothingLeft = Object.values(leaked).every((n) => n === 0);
  return {
    reportVersion: 1,
    runId: input.runId,
    size: run.size ?? null,
    seed: run.seed,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    status: run.status,
    summary: {
      scenarios: {
        total: scenarios.length,
        succeeded: scenarios.filter((s) => s.status === 'succeeded').length,
        failed: scenarios.filter((s) => s.status === 'failed').length,
      },
      cleanupVerified: nothingLeft && run.sweep.failed.length === 0,
      leaked,
      resources: {
        created: input.ledger.filter((e) => e.created).length,
        deleted: input.ledger.filter(gone).length,
        forceDeleted: input.ledger.filter((e) => e.forceDeleted).length,
      },
      sweep: run.sweep,
      events: input.events.length,
      regions: regionSpread(scenarios.map((s) => s.region)),
    },
    scenarios,
    // `errors` is optional on RunReportInput; older callers do not send it.
    errors: (run as RunReportInput & { errors?: string[] }).errors ?? [],
    refused: run.refused ?? [],
    leftovers: input.leftovers,
    ...(run.officeHours ? { officeHours: run.officeHours } : {}),
    generatedAt: input.generatedAt,
  };
}
