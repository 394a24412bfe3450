// `haymaker resources <runId>`: the run's resource ledger, filtered and paged (--all follows every page).
import type { Command } from 'commander';
import type { Pagination } from '../../triggers/http/params';
import type { ResourceItem } from '../../triggers/http/handlers/resources';
import { action, clientFor, positiveInt, withApiOptions, type ApiOptions } from '../client/command-helpers';
import { note, writeResult } from '../output/write';

interface ResourcesOptions extends ApiOptions {
  scenario?: string;
  type?: string;
  status?: string;
  page?: number;
  pageSize?: number;
  all?: boolean;
}

const MAX_PAGES = 1000;

export function register(program: Command): void {
  withApiOptions(
    program.command('resources <runId>').description('resources a run created and what became of them'),
  )
    .option('--scenario <id>', 'only this scenario')
    .option('--type <armType>', 'only this ARM type, e.g. Microsoft.Storage/storageAccounts')
    .option('--status <status>', 'created | deleted | deletion_failed | force_deleted')
    .option('--page <n>', 'page', positiveInt('--page'))
    .option('--page-size <n>', 'resources per page (max 500)', positiveInt('--page-size'))
    .option('--all', 'every page')
    .action(
      action(async (runId: string, options: ResourcesOptions) => {
        const client = await clientFor(options);
        const query = {
          scenario_name: options.scenario,
          resource_type: options.type,
          status: options.status,
          page_size: options.pageSize,
        };
        const items: ResourceItem[] = [];
        let page = options.page ?? 1;
        let pagination: Pagination;
        for (let i = 0; ; i++) {
          const body = await client.get<{ items: ResourceItem[]; pagination: Pagination }>(
            `/runs/${encodeURIComponent(runId)}/resources`,
            { ...query, page },
          );
          items.push(...body.items);
          pagination = body.pagination;
          if (!options.all || !pagination.has_next || i >= MAX_PAGES) break;
          page += 1;
        }
        writeResult(items, options, {
          text: (rows) =>
            rows
              .map(
                (r) => `${r.status.padEnd(16)} ${r.scenario_name.padEnd(40)} ${r.resource_type}  ${r.name}\n`,
              )
              .join(''),
          table: (rows) =>
            rows.map((r) => ({
              Status: r.status,
              Scenario: r.scenario_name,
              ResourceType: r.resource_type,
              Name: r.name,
            })),
        });
        if (items.length === 0) note('no resources match');
        if (!options.all && pagination.has_next)
          note(
            `page ${pagination.page} of ${pagination.total_pages} (${pagination.total_items} resources); --all shows every page`,
          );
      }),
    );
}
