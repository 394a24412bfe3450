// `haymaker scrub --secret VALUE…`: standard input → standard output through the agent's own scrubber (the
// known values in every encoding, plus the shapes of keys, tokens and connection strings), for checks.
import type { Command } from 'commander';
import { createScrubber } from '../../core/scrub';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function register(program: Command): void {
  program
    .command('scrub')
    .description("Read standard input and write it scrubbed with the agent's scrubber")
    .option('--secret <value...>', 'a known secret value (repeatable); its encodings are removed too', [])
    .action(async (options: { secret: string[] }) => {
      const scrub = createScrubber(options.secret);
      process.stdout.write(scrub(await readAll(process.stdin)));
    });
}
