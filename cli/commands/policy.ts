// `haymaker policy check`: the agent's command policy as a filter — one command per stdin line → one JSON
// verdict per line, or with --script FILE one verdict for the whole step script, judged as bash would run it.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { runShort } from '../../core/naming';
import { checkCommand, checkScript, loadBashParser, type PolicyContext } from '../../core/policy';
import { haymakerTags } from '../../core/tags';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { itemWriter, writeResult } from '../output/write';

interface CheckOptions extends OutputOptions {
  runId: string;
  subscription: string;
  script?: string;
  scenario?: string;
  createdAt?: string;
  expiresAt?: string;
}

function contextOf(options: CheckOptions): PolicyContext {
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
  return {
    runId: options.runId,
    runShort: runShort(options.runId),
    subscriptionId: options.subscription,
    tags,
  };
}

/** The contract's default view: one verdict, one JSON line. */
const jsonLine = (verdict: unknown) => `${JSON.stringify(verdict)}\n`;

async function checkWholeScript(file: string, ctx: PolicyContext, options: OutputOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`could not read --script ${file}: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const result = checkScript(text, ctx);
  const refused = result.verdicts.find((v) => !v.allowed);
  const verdict = refused
    ? { allowed: false, rule: refused.rule, reason: `${refused.reason ?? ''} (in: ${refused.command})` }
    : {
        allowed: true,
        rule: result.rewritten !== undefined ? 'tags.injected' : 'ok',
        ...(result.rewritten !== undefined ? { rewritten: result.rewritten } : {}),
      };
  writeResult(verdict, options, { text: jsonLine });
}

async function check(options: CheckOptions): Promise<void> {
  await loadBashParser();
  const ctx = contextOf(options);
  if (options.script) return checkWholeScript(options.script, ctx, options);
  const write = itemWriter(options, { text: jsonLine });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    write(checkCommand(line, ctx));
  }
}

export function register(program: Command): void {
  const policy = program.command('policy').description("The agent's command policy");
  const checkCommandLine = policy
    .command('check')
    .description(
      'Read commands, one per line, on stdin and print one JSON verdict per line ({"command","allowed","rule","reason"?,"rewritten"?}); with --script FILE judge the whole step script and print one verdict',
    )
    .requiredOption('--run-id <id>', 'the run id (its short form is what run-owned names contain)')
    .requiredOption('--subscription <id>', 'the subscription commands are pinned to')
    .option('--script <file>', 'judge this whole step script as bash would run it (one verdict)')
    .option('--scenario <id>', 'scenario id, to inject literal HayMaker tags instead of $HAYMAKER_TAGS')
    .option('--created-at <iso>', 'CreatedAt tag value (with --scenario)')
    .option('--expires-at <iso>', 'ExpiresAt tag value (with --scenario)')
    .action(async (options: CheckOptions) => {
      await check(options);
    });
  withOutputOptions(checkCommandLine);
}
