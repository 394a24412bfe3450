// `haymaker policy check`: the agent's command policy as a filter, one command per stdin line → one JSON verdict per line.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { runShort } from '../../core/naming';
import { checkCommand } from '../../core/policy';
import { haymakerTags } from '../../core/tags';

interface CheckOptions {
  runId: string;
  subscription: string;
  createdIds?: string;
  scenario?: string;
  createdAt?: string;
  expiresAt?: string;
}

/** Created ids: a JSON array of strings, or one id per line. */
async function readCreatedIds(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`could not read --created-ids file ${file}: ${(error as Error).message}`);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string'))
      throw new Error(`--created-ids file ${file} must hold a JSON array of strings or one id per line`);
    return parsed;
  }
  return trimmed
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

async function check(options: CheckOptions): Promise<void> {
  const createdIds = options.createdIds ? await readCreatedIds(options.createdIds) : [];
  // Without a scenario the literal tags are unknown; `$HAYMAKER_TAGS` (what the agent exports) is injected instead.
  const tags = options.scenario
    ? {
        ...haymakerTags({
          runId: options.runId,
          scenarioId: options.scenario,
          createdAt: options.createdAt ?? new Date().toISOString(),
          expiresAt: options.expiresAt ?? new Date().toISOString(),
        }),
      }
    : {};
  const ctx = {
    runId: options.runId,
    runShort: runShort(options.runId),
    subscriptionId: options.subscription,
    tags,
    createdIds,
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const verdict = checkCommand(line, ctx);
    process.stdout.write(`${JSON.stringify(verdict)}\n`);
  }
}

export function register(program: Command): void {
  const policy = program.command('policy').description("The agent's command policy");
  policy
    .command('check')
    .description(
      'Read commands, one per line, on stdin; print one JSON verdict per line ({"command","allowed","rule","reason"?,"rewritten"?})',
    )
    .requiredOption('--run-id <id>', 'the run id (its short form is what run-owned names contain)')
    .requiredOption('--subscription <id>', 'the subscription commands are pinned to')
    .option('--created-ids <file>', 'ids this run created: a JSON array or one per line')
    .option('--scenario <id>', 'scenario id, to inject literal HayMaker tags instead of $HAYMAKER_TAGS')
    .option('--created-at <iso>', 'CreatedAt tag value (with --scenario)')
    .option('--expires-at <iso>', 'ExpiresAt tag value (with --scenario)')
    .action(async (options: CheckOptions) => {
      await check(options);
    });
}
