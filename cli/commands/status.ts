// `haymaker status`: GET /api/v1/status.
import type { Command } from 'commander';
import { action, clientFor, withApiOptions, type ApiOptions } from '../client/command-helpers';
import { writeResult } from '../output/write';

interface StatusBody {
  status: string;
  health: string;
  current_run_id: string | null;
  started_at: string | null;
  phase: string | null;
  scenarios_count: number;
  scenarios_completed: number;
  scenarios_running: number;
  scenarios_failed: number;
  next_scheduled_run: string | null;
  last_run: { run_id: string; status: string; ended_at: string } | null;
}

function statusText(s: StatusBody): string {
  const lines = [`status: ${s.status} (health ${s.health})`];
  if (s.current_run_id)
    lines.push(
      `current run: ${s.current_run_id}  phase ${s.phase}  started ${s.started_at ?? '?'}`,
      `scenarios: ${s.scenarios_count} total, ${s.scenarios_completed} finished, ${s.scenarios_running} running, ${s.scenarios_failed} failed`,
    );
  if (s.last_run) lines.push(`last run: ${s.last_run.run_id} ${s.last_run.status} at ${s.last_run.ended_at}`);
  lines.push(`next scheduled run: ${s.next_scheduled_run ?? 'unknown'}`);
  return `${lines.join('\n')}\n`;
}

const statusColumns = (s: StatusBody) => ({
  Status: s.status,
  Health: s.health,
  CurrentRun: s.current_run_id ?? '',
  Phase: s.phase ?? '',
  Scenarios: s.scenarios_count,
  Finished: s.scenarios_completed,
  Failed: s.scenarios_failed,
  NextScheduledRun: s.next_scheduled_run ?? '',
});

export function register(program: Command): void {
  withApiOptions(
    program
      .command('status')
      .description('what HayMaker is doing now: current run, health, next scheduled run'),
  ).action(
    action(async (options: ApiOptions) => {
      const body = await (await clientFor(options)).get<StatusBody>('/status');
      writeResult(body, options, { text: statusText, table: statusColumns });
    }),
  );
}
