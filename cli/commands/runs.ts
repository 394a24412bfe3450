// `haymaker runs list | show [--follow] | terminate | rewind`.
import type { Command } from 'commander';
import type { Pagination } from '../../triggers/http/params';
import type { RunDetail, RunView } from '../../triggers/http/run-view';
import {
  action,
  clientFor,
  positiveInt,
  printJson,
  sleep,
  withApiOptions,
  type ApiOptions,
} from '../client/command-helpers';
import { CliError } from '../client/errors';
import { createProgressPrinter, type ProgressView } from '../local/progress';

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

interface FollowOptions extends ApiOptions {
  follow?: boolean;
  intervalMs: number;
  timeoutMinutes: number;
}

export function register(program: Command): void {
  const runs = program.command('runs').description('list, show, terminate and rewind runs');

  withApiOptions(runs.command('list').description('runs, newest first'))
    .option('--page <n>', 'page', positiveInt('--page'))
    .option('--page-size <n>', 'runs per page (max 500)', positiveInt('--page-size'))
    .option('--status <status>', 'only runs in this durable status (Running, Completed, Failed, Terminated)')
    .action(
      action(async (options: ApiOptions & { page?: number; pageSize?: number; status?: string }) => {
        const body = await clientFor(options).get<{ items: RunView[]; pagination: Pagination }>('/runs', {
          page: options.page,
          page_size: options.pageSize,
          status: options.status,
        });
        if (options.json) return printJson(body);
        if (body.items.length === 0) process.stdout.write('no runs\n');
        for (const r of body.items) process.stdout.write(`${runLine(r)}\n`);
        const p = body.pagination;
        if (p.total_pages > 1)
          process.stdout.write(`page ${p.page} of ${p.total_pages} (${p.total_items} runs)\n`);
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
        const client = clientFor(options);
        const path = `/runs/${encodeURIComponent(runId)}`;
        let run = await client.get<RunDetail>(path);
        if (!options.follow) {
          if (options.json) return printJson(run);
          const printer = createProgressPrinter({ write: (t) => process.stdout.write(t), isTTY: false });
          printer.updateView(viewOfRunDetail(run));
          process.stdout.write(
            `runtime ${run.runtime_status}; resources created ${run.resources.created}, deleted ${run.resources.deleted}; cleanup ${run.cleanup_verified === null ? 'not verified yet' : run.cleanup_verified ? 'verified' : 'NOT verified'}\n` +
              (run.report ? `report: ${run.report.html}\n` : ''),
          );
          return;
        }
        const printer = createProgressPrinter(process.stdout, { json: !!options.json });
        const deadline = Date.now() + options.timeoutMinutes * 60_000;
        for (;;) {
          printer.updateView(viewOfRunDetail(run));
          if (isFinished(run)) break;
          if (Date.now() > deadline)
            throw new CliError(
              `run ${runId} had not finished after ${options.timeoutMinutes} minutes; it keeps running`,
            );
          await sleep(options.intervalMs);
          run = await client.get<RunDetail>(path);
        }
        if (!options.json)
          process.stdout.write(
            `run ${runId} ${run.phase}${run.report ? `; report: ${run.report.html}` : ''}\n`,
          );
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
        const body = await clientFor(options).post<{ run_id: string; janitor_next_run: string | null }>(
          `/runs/${encodeURIComponent(runId)}/terminate`,
          undefined,
          { reason: options.reason },
        );
        if (options.json) return printJson(body);
        process.stdout.write(
          `terminated ${body.run_id}; the janitor removes what it left (next sweep ${body.janitor_next_run ?? 'on its schedule'})\n`,
        );
      }),
    );

  withApiOptions(runs.command('rewind <runId>').description('rewind a failed run to retry its failed work'))
    .option('--reason <text>', 'recorded with the rewind')
    .action(
      action(async (runId: string, options: ApiOptions & { reason?: string }) => {
        const body = await clientFor(options).post<{ run_id: string }>(
          `/runs/${encodeURIComponent(runId)}/rewind`,
          undefined,
          { reason: options.reason },
        );
        if (options.json) return printJson(body);
        process.stdout.write(`rewinding ${body.run_id}\n`);
      }),
    );
}
