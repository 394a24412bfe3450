// `haymaker janitor [--dry-run]`: one janitor sweep now, through the API (the timer runs it hourly).
import type { Command } from 'commander';
import { action, clientFor, printJson, withApiOptions, type ApiOptions } from '../client/command-helpers';

interface JanitorBody {
  dry_run: boolean;
  findings: { kind: string; id: string; run_id: string | null; reason: string }[];
  removed: string[];
  failed: { id: string; error: string }[];
}

export function register(program: Command): void {
  withApiOptions(
    program
      .command('janitor')
      .description('remove HayMaker objects of runs no longer running or past ExpiresAt'),
  )
    .option('--dry-run', 'list what would be removed, remove nothing')
    .action(
      action(async (options: ApiOptions & { dryRun?: boolean }) => {
        const body = await clientFor(options).post<JanitorBody>('/janitor', undefined, {
          dry_run: options.dryRun ? 'true' : 'false',
        });
        if (options.json) printJson(body);
        else {
          for (const f of body.findings)
            process.stdout.write(
              `${body.dry_run ? 'would remove' : 'found'} ${f.kind} ${f.id} (${f.reason}${f.run_id ? `, run ${f.run_id}` : ''})\n`,
            );
          for (const f of body.failed) process.stdout.write(`FAILED ${f.id}: ${f.error}\n`);
          process.stdout.write(
            body.dry_run
              ? `dry run: ${body.findings.length} object(s) would be removed\n`
              : `removed ${body.removed.length} object(s); ${body.failed.length} failed\n`,
          );
        }
        return body.failed.length ? 1 : 0;
      }),
    );
}
