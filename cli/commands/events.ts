// `haymaker events <runId> [--follow]`: the run's audit trail; --follow polls for newer events until the run ends.
import type { Command } from 'commander';
import type { Pagination } from '../../triggers/http/params';
import type { RunView } from '../../triggers/http/run-view';
import {
  action,
  clientFor,
  positiveInt,
  sleep,
  withApiOptions,
  type ApiOptions,
} from '../client/command-helpers';
import { CliError } from '../client/errors';
import { itemWriter, note, writeResult } from '../output/write';
import { isFinished } from './runs';

interface EventItem {
  event_id: string;
  type: string;
  scenario_id: string | null;
  phase: string | null;
  burst: number | null;
  timestamp: string;
  data: Record<string, unknown>;
}

interface EventsOptions extends ApiOptions {
  type?: string;
  scenario?: string;
  follow?: boolean;
  intervalMs: number;
  timeoutMinutes: number;
}

const MAX_PAGES = 1000;

function summary(e: EventItem): string {
  const d = e.data;
  const pick = (k: string) =>
    typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : undefined;
  return pick('resourceId') ?? pick('step') ?? pick('error') ?? pick('summary') ?? '';
}

const eventRows = (events: EventItem[]) =>
  events.map((e) => ({
    Timestamp: e.timestamp,
    Type: e.type,
    Scenario: e.scenario_id ?? '',
    Phase: (e.phase ?? '') + (e.burst !== null ? `#${e.burst + 1}` : ''),
    Detail: summary(e),
  }));

export const eventLine = (e: EventItem) =>
  `${e.timestamp}  ${e.type.padEnd(24)} ${(e.scenario_id ?? '-').padEnd(40)} ${(e.phase ?? '-') + (e.burst !== null ? `#${e.burst + 1}` : '')}  ${summary(e)}`.trimEnd();

export function register(program: Command): void {
  withApiOptions(
    program
      .command('events <runId>')
      .description("a run's audit trail; --follow keeps printing new events until the run ends"),
  )
    .option('--type <type>', 'only this event type, e.g. resource_created')
    .option('--scenario <id>', 'only this scenario')
    .option('--follow', 'keep polling for new events until the run ends')
    .option('--interval-ms <n>', 'poll interval with --follow', positiveInt('--interval-ms'), 1000)
    .option(
      '--timeout-minutes <n>',
      'stop following after this long (exit 1)',
      positiveInt('--timeout-minutes'),
      600,
    )
    .action(
      action(async (runId: string, options: EventsOptions) => {
        const client = await clientFor(options);
        const path = `/runs/${encodeURIComponent(runId)}`;
        let after: string | undefined;
        const seen = new Set<string>();
        // Without --follow the events are one result (a JSON array for -o json); with it, each is printed as it comes.
        const collected: EventItem[] = [];
        const print = options.follow
          ? itemWriter<EventItem>(options, { text: (e) => `${eventLine(e)}\n` })
          : (e: EventItem) => collected.push(e);
        const fetchNew = async () => {
          const since = after;
          for (let page = 1; page <= MAX_PAGES; page++) {
            const body = await client.get<{
              audit_available: boolean;
              items: EventItem[];
              pagination: Pagination;
            }>(`${path}/events`, {
              type: options.type,
              scenario_name: options.scenario,
              after: since,
              page,
              page_size: 500,
            });
            if (!body.audit_available && seen.size === 0 && page === 1)
              note(
                'haymaker: this API has no audit trail to read (no storage configured); only run progress is available: use `haymaker runs show --follow`',
              );
            for (const e of body.items) {
              // `after` is exclusive on the timestamp; ids guard against events that share one.
              if (seen.has(e.event_id)) continue;
              seen.add(e.event_id);
              print(e);
              // Ask from just before the newest event: one arriving later with the same timestamp is still returned.
              const t = Date.parse(e.timestamp) - 1;
              if (!after || t > Date.parse(after)) after = new Date(t).toISOString();
            }
            if (!body.pagination.has_next) break;
          }
        };
        if (!options.follow) {
          await fetchNew();
          writeResult(collected, options, {
            text: (events) => events.map((e) => `${eventLine(e)}\n`).join(''),
            table: eventRows,
          });
          return;
        }
        const deadline = Date.now() + options.timeoutMinutes * 60_000;
        for (;;) {
          const run = await client.get<RunView>(path);
          await fetchNew();
          if (isFinished(run)) return;
          if (Date.now() > deadline)
            throw new CliError(
              `run ${runId} had not finished after ${options.timeoutMinutes} minutes; it keeps running`,
            );
          await sleep(options.intervalMs);
        }
      }),
    );
}
