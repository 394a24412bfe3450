// `haymaker status`: GET /api/v1/status.
import type { Command } from 'commander';
import { action, clientFor, printJson, withApiOptions, type ApiOptions } from '../client/command-helpers';

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

export function register(program: Command): void {
  withApiOptions(
    program
      .command('status')
      .description('what HayMaker is doing now: current run, health, next scheduled run'),
  ).action(
    action(async (options: ApiOptions) => {
      const s = await clientFor(options).get<StatusBody>('/status');
      if (options.json) return printJson(s);
      const lines = [`status: ${s.status} (health ${s.health})`];
      if (s.current_run_id)
        lines.push(
          `current run: ${s.current_run_id}  phase ${s.phase}  started ${s.started_at ?? '?'}`,
          `scenarios: ${s.scenarios_count} total, ${s.scenarios_completed} finished, ${s.scenarios_running} running, ${s.scenarios_failed} failed`,
        );
      if (s.last_run)
        lines.push(`last run: ${s.last_run.run_id} ${s.last_run.status} at ${s.last_run.ended_at}`);
      lines.push(`next scheduled run: ${s.next_scheduled_run ?? 'unknown'}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
  );
}
