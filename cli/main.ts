// The `haymaker` CLI. Each command group lives in cli/commands/<name>.ts and is registered in cli/commands/index.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { registerCommands } from './commands';

/** The version in HayMaker's package.json (the one above this file, in dist/ or under ts-jest alike). */
export function haymakerVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'haymaker' && manifest.version) return manifest.version;
  }
  return 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('haymaker')
    .description(
      'HayMaker: benign, realistic activity for Azure test tenants. Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 run completed but some scenarios failed (start).',
    )
    .version(`haymaker ${haymakerVersion()}`, '--version', 'print the version')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander exits 0 for --help/--version and 1 for usage errors; keep usage errors distinct (2).
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  registerCommands(program);
  return program;
}

if (
  require.main === module ||
  process.argv[1]?.endsWith('haymaker.js') ||
  process.argv[1]?.endsWith('haymaker')
) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`haymaker: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
