// `haymaker scrub --secret VALUE…`: standard input → standard output through the agent's own scrubber (the
// known values in every encoding, plus the shapes of keys, tokens and connection strings), for checks.
import type { Command } from 'commander';
import { createScrubber } from '../../core/scrub';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { writeResult } from '../output/write';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function register(program: Command): void {
  const scrub = program
    .command('scrub')
    .description("Read standard input and write it scrubbed with the agent's scrubber")
    .option('--secret <value...>', 'a known secret value (repeatable); its encodings are removed too', [])
    .action(async (options: OutputOptions & { secret: string[] }) => {
      const scrubbed = createScrubber(options.secret)(await readAll(process.stdin));
      // The text itself by default (a filter); -o json|yaml|… wraps it as { text } so --query works as elsewhere.
      writeResult({ text: scrubbed }, options, { text: (value) => value.text });
    });
  withOutputOptions(scrub);
}
