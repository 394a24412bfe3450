// `haymaker run`: start a run on a deployed (or local) instance through POST /api/v1/runs; --follow shows progress.
import { InvalidArgumentError, type Command } from 'commander';
import type { RunDetail } from '../../triggers/http/run-view';
import { action, clientFor, positiveInt, withApiOptions, type ApiOptions } from '../client/command-helpers';
import { note, writeResult } from '../output/write';
import { followedRunText, followRun } from './runs';

const SIZES = ['small', 'medium', 'large'];

interface RunOptions extends ApiOptions {
  size?: string;
  scenario?: string[];
  seed?: string;
  operationsWindowMinutes?: number;
  bursts?: number;
  follow?: boolean;
  intervalMs: number;
  timeoutMinutes: number;
}

export function register(program: Command): void {
  withApiOptions(program.command('run').description('start a run on a deployed HayMaker (POST /api/v1/runs)'))
    .option('--size <size>', `scenarios per run: ${SIZES.join(' | ')}`, (v) => {
      if (!SIZES.includes(v)) throw new InvalidArgumentError(`--size must be one of ${SIZES.join(', ')}`);
      return v;
    })
    .option('--scenario <id...>', 'explicit scenario ids (overrides --size)')
    .option('--seed <seed>', 'seed for selection and burst jitter')
    .option(
      '--operations-window-minutes <n>',
      'operations window',
      positiveInt('--operations-window-minutes'),
    )
    .option('--bursts <n>', 'operation bursts in the window', positiveInt('--bursts'))
    .option('--follow', 'show progress until the run ends')
    .option('--interval-ms <n>', 'poll interval with --follow', positiveInt('--interval-ms'), 2000)
    .option(
      '--timeout-minutes <n>',
      'stop following after this long (exit 1)',
      positiveInt('--timeout-minutes'),
      720,
    )
    .action(
      action(async (options: RunOptions) => {
        const client = await clientFor(options);
        const started = await client.post<{ run_id: string; status_uri: string }>('/runs', {
          ...(options.scenario?.length
            ? { scenarios: options.scenario }
            : options.size
              ? { size: options.size }
              : {}),
          ...(options.seed ? { seed: options.seed } : {}),
          ...(options.operationsWindowMinutes
            ? { operations_window_minutes: options.operationsWindowMinutes }
            : {}),
          ...(options.bursts ? { operation_bursts: options.bursts } : {}),
        });
        if (!options.follow) {
          writeResult({ run_id: started.run_id }, options, { text: (r) => `started run ${r.run_id}\n` });
          note(`follow it with: haymaker runs show ${started.run_id} --follow`);
          return;
        }
        note(`started run ${started.run_id}`);
        const run = await followRun(
          () => client.get<RunDetail>(`/runs/${encodeURIComponent(started.run_id)}`),
          options,
        );
        writeResult(run, options, { text: followedRunText });
        return run.phase === 'completed' && run.cleanup_verified ? 0 : 1;
      }),
    );
}
