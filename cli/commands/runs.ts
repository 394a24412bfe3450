// `haymaker runs list | show [--follow] | terminate | rewind | hay`.
import type { Command } from 'commander';
import type { Pagination } from '../../triggers/http/params';
import type { RunDetail, RunView } from '../../triggers/http/run-view';
import {
  action,
  clientFor,
  positiveInt,
  sleep,
  withApiOptions,
  type ApiOptions,
} from '../client/command-helpers';
import { CliError } from '../client/errors';
import { createProgressPrinter, progressViewLines, type ProgressView } from '../local/progress';
import { chosenFormat } from '../output/options';
import { note, writeResult } from '../output/write';

const TERMINAL = new Set(['Completed', 'Failed', 'Terminated']);
const TERMINAL_PHASES = new Set(['completed', 'failed', 'terminated']);

export function viewOfRunDetail(run: RunDetail): ProgressView {
  return {
    runId: run.run_id,
    phase: run.phase,
    scenarios: run.scenario_details.map((s) => ({
      id: s.scenario_id,
      status: s.status,
      created: s.resources_created,
      deleted: s.resources_deleted,
      forceDeleted: s.force_deleted,
      ...(s.errors.length ? { lastError: s.errors[s.errors.length - 1]! } : {}),
    })),
  };
}

/** Ended: the entity says so and the instance agrees, or the instance is gone (purged) and only the entity remains. */
export const isFinished = (run: RunView) =>
  TERMINAL_PHASES.has(run.phase) && (TERMINAL.has(run.runtime_status) || run.runtime_status === 'Unknown');

const runLine = (r: RunView) =>
  `${r.run_id.padEnd(40)} ${r.runtime_status.padEnd(11)} ${r.phase.padEnd(11)} ${String(r.scenarios.total).padStart(3)} scenarios  ${r.created_at ?? r.started_at ?? ''}`;

/** The columns `runs list -o table` shows (the full objects stay available to -o json and --query). */
const runRow = (r: RunView) => ({
  RunId: r.run_id,
  RuntimeStatus: r.runtime_status,
  Phase: r.phase,
  Scenarios: r.scenarios.total,
  CreatedAt: r.created_at ?? r.started_at ?? '',
});

export function runDetailText(run: RunDetail): string {
  const cleanup =
    run.cleanup_verified === null ? 'not verified yet' : run.cleanup_verified ? 'verified' : 'NOT verified';
  return (
    `${progressViewLines(viewOfRunDetail(run)).join('\n')}\n` +
    `runtime ${run.runtime_status}; resources created ${run.resources.created}, deleted ${run.resources.deleted}; cleanup ${cleanup}\n` +
    (run.report ? `report: ${run.report.html}\n` : '')
  );
}

const runDetailRow = (run: RunDetail) => ({
  RunId: run.run_id,
  RuntimeStatus: run.runtime_status,
  Phase: run.phase,
  Scenarios: run.scenario_details.length,
  ResourcesCreated: run.resources.created,
  ResourcesDeleted: run.resources.deleted,
  CleanupVerified: run.cleanup_verified ?? '',
  Report: run.report?.html ?? '',
});

export interface FollowOptions extends ApiOptions {
  follow?: boolean;
  intervalMs: number;
  timeoutMinutes: number;
}

/**
 * Polls a run until it ends, showing progress: on stdout when progress is the output asked for (no -o), else on
 * stderr so stdout carries only the final result. Returns the run as it ended.
 */
export async function followRun(
  get: () => Promise<RunDetail>,
  options: FollowOptions,
  first?: RunDetail,
): Promise<RunDetail> {
  const textOutput = chosenFormat(options, true) === 'text';
  const printer = createProgressPrinter(textOutput ? process.stdout : process.stderr);
  const deadline = Date.now() + options.timeoutMinutes * 60_000;
  let run = first ?? (await get());
  for (;;) {
    printer.updateView(viewOfRunDetail(run));
    if (isFinished(run)) return run;
    if (Date.now() > deadline)
      throw new CliError(
        `run ${run.run_id} had not finished after ${options.timeoutMinutes} minutes; it keeps running`,
      );
    await sleep(options.intervalMs);
    run = await get();
  }
}

export const followedRunText = (run: RunDetail) =>
  `run ${run.run_id} ${run.phase}${run.report ? `; report: ${run.report.html}` : ''}\n`;

export function register(program: Command): void {
  const runs = program.command('runs').description('list, show, terminate and rewind runs');

  withApiOptions(runs.command('list').description('runs, newest first'))
    .option('--page <n>', 'page', positiveInt('--page'))
    .option('--page-size <n>', 'runs per page (max 500)', positiveInt('--page-size'))
    .option('--status <status>', 'only runs in this durable status (Running, Completed, Failed, Terminated)')
    .action(
      action(async (options: ApiOptions & { page?: number; pageSize?: number; status?: string }) => {
        const client = await clientFor(options);
        const body = await client.get<{ items: RunView[]; pagination: Pagination }>('/runs', {
          page: options.page,
          page_size: options.pageSize,
          status: options.status,
        });
        writeResult(body.items, options, {
          text: (items) => (items.length ? items.map((r) => `${runLine(r)}\n`).join('') : ''),
          table: (items) => items.map(runRow),
        });
        const p = body.pagination;
        if (body.items.length === 0) note('no runs');
        if (p.total_pages > 1)
          note(
            `page ${p.page} of ${p.total_pages} (${p.total_items} runs)${p.has_next ? '; --page for more' : ''}`,
          );
      }),
    );

  withApiOptions(
    runs.command('show <runId>').description('one run and its scenarios; --follow redraws until it ends'),
  )
    .option('--follow', 'keep showing progress until the run ends')
    .option('--interval-ms <n>', 'poll interval with --follow', positiveInt('--interval-ms'), 1000)
    .option(
      '--timeout-minutes <n>',
      'stop following after this long (exit 1)',
      positiveInt('--timeout-minutes'),
      600,
    )
    .action(
      action(async (runId: string, options: FollowOptions) => {
        const client = await clientFor(options);
        const get = () => client.get<RunDetail>(`/runs/${encodeURIComponent(runId)}`);
        if (!options.follow) {
          writeResult(await get(), options, { text: runDetailText, table: runDetailRow });
          return;
        }
        const run = await followRun(get, options);
        writeResult(run, options, { text: followedRunText, table: runDetailRow });
        return run.phase === 'completed' ? 0 : 1;
      }),
    );

  withApiOptions(
    runs
      .command('terminate <runId>')
      .description('terminate a running run; the janitor removes what it left'),
  )
    .option('--reason <text>', 'recorded with the termination')
    .action(
      action(async (runId: string, options: ApiOptions & { reason?: string }) => {
        const body = await (
          await clientFor(options)
        ).post<{ run_id: string; janitor_next_run: string | null }>(
          `/runs/${encodeURIComponent(runId)}/terminate`,
          undefined,
          { reason: options.reason },
        );
        writeResult(body, options, {
          text: (b) =>
            `terminated ${b.run_id}; the janitor removes what it left (next sweep ${b.janitor_next_run ?? 'on its schedule'})\n`,
        });
      }),
    );

  withApiOptions(
    runs
      .command('hay <runId>')
      .description(
        "the run's ground truth: every scenario principal's control-plane events, labelled (-o json|jsonl|csv; docs/ground-truth.md)",
      ),
  ).action(
    action(async (runId: string, options: ApiOptions) => {
      const rows = await (
        await clientFor(options)
      ).get<Record<string, unknown>[]>(`/runs/${encodeURIComponent(runId)}/hay`);
      writeResult(rows, options);
      if (rows.length === 0)
        note(`run ${runId} has no hay (no scenario principal made a control-plane call)`);
    }),
  );

  withApiOptions(runs.command('rewind <runId>').description('rewind a failed run to retry its failed work'))
    .option('--reason <text>', 'recorded with the rewind')
    .action(
      action(async (runId: string, options: ApiOptions & { reason?: string }) => {
        const body = await (
          await clientFor(options)
        ).post<{ run_id: string }>(`/runs/${encodeURIComponent(runId)}/rewind`, undefined, {
          reason: options.reason,
        });
        writeResult(body, options, { text: (b) => `rewinding ${b.run_id}\n` });
      }),
    );
}
