// What every API command shares: the --endpoint/--key options, the output options (-o, --query, --json), and an
// action wrapper that maps a CliError to its exit code (unexpected errors reach cli/main.ts and exit 1).
import { InvalidArgumentError, type Command } from 'commander';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { createApiClient, type ApiClient } from './api-client';
import { CliError } from './errors';
import { resolveApiTarget } from './target';

export interface ApiOptions extends OutputOptions {
  endpoint?: string;
  key?: string;
}

// `haymaker events … | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

export function withApiOptions(command: Command): Command {
  command
    .option(
      '--endpoint <url>',
      'API endpoint (default HAYMAKER_ENDPOINT, ~/.haymaker.json, the azd environment, a local run, or http://127.0.0.1:7071)',
    )
    .option(
      '--key <key>',
      'function key (default HAYMAKER_KEY, ~/.haymaker.json, or fetched with your Azure sign-in)',
    );
  return withOutputOptions(command);
}

export async function clientFor(options: ApiOptions): Promise<ApiClient> {
  return createApiClient(await resolveApiTarget(options));
}

/** Runs an action; a CliError prints `haymaker: message` and sets its exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      process.stderr.write(`haymaker: ${error.message}\n`);
      process.exitCode = error.exitCode;
    }
  };
}

/** A positive integer option, or a usage error naming the flag. */
export const positiveInt =
  (flag: string) =>
  (value: string): number => {
    // commander turns InvalidArgumentError into a usage error (exit 2).
    if (!/^\d+$/.test(value) || Number(value) < 1)
      throw new InvalidArgumentError(`${flag} must be a positive whole number, got "${value}"`);
    return Number(value);
  };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
