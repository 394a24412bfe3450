// `haymaker janitor [--dry-run]`: one janitor sweep now, through the API (the timer runs it hourly).
import type { Command } from 'commander';
import { action, clientFor, withApiOptions, type ApiOptions } from '../client/command-helpers';
import { note, writeResult } from '../output/write';

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
        const body = await (
          await clientFor(options)
        ).post<JanitorBody>('/janitor', undefined, {
          dry_run: options.dryRun ? 'true' : 'false',
        });
        writeResult(body, options, {
          text: (b) =>
            [
              ...b.findings.map(
                (f) =>
                  `${b.dry_run ? 'would remove' : 'found'} ${f.kind} ${f.id} (${f.reason}${f.run_id ? `, run ${f.run_id}` : ''})\n`,
              ),
              ...b.failed.map((f) => `FAILED ${f.id}: ${f.error}\n`),
            ].join(''),
          table: (b) =>
            b.findings.map((f) => ({ Kind: f.kind, Id: f.id, RunId: f.run_id ?? '', Reason: f.reason })),
        });
        note(
          body.dry_run
            ? `dry run: ${body.findings.length} object(s) would be removed`
            : `removed ${body.removed.length} object(s); ${body.failed.length} failed`,
        );
        return body.failed.length ? 1 : 0;
      }),
    );
}
