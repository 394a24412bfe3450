// The `haymaker` CLI. Each command group lives in cli/commands/<name>.ts and is registered in cli/commands/index.ts.
import { Command } from 'commander';
import { registerCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('haymaker')
    .description('HayMaker: benign, realistic activity for Azure test tenants')
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
