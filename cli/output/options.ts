// The options every command takes, as az has them: `-o/--output <format>` and `--query <JMESPath>` (a bad value of
// either is a usage error, exit 2, as az's argument parser makes it), plus `--json` kept as the shorthand for -o json.
// A command adds them with `withOutputOptions(command)` and prints its result with `writeResult` (./write.ts).
import { InvalidArgumentError, Option, type Command } from 'commander';
import jmespath from 'jmespath';
import { CliError, EXIT } from '../client/errors';
import { OUTPUT_FORMATS, type OutputFormat } from './render';

export interface OutputOptions {
  output?: OutputFormat;
  query?: string;
  /** Shorthand for `-o json`. */
  json?: boolean;
}

/** Like AZURE_CORE_OUTPUT for az: the format when -o is not given. */
export const OUTPUT_ENVIRONMENT_VARIABLE = 'HAYMAKER_OUTPUT';

export function parseOutputFormat(value: string): OutputFormat {
  const format = value.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
    throw new InvalidArgumentError(`invalid choice: '${value}' (choose from ${OUTPUT_FORMATS.join(', ')})`);
  return format as OutputFormat;
}

// The package has compile() (jmespath.js exports it); its @types leave it out.
const { compile } = jmespath as unknown as { compile(expression: string): unknown };

export function parseQuery(value: string): string {
  try {
    compile(value);
  } catch (error) {
    throw new InvalidArgumentError(`invalid JMESPath query '${value}': ${(error as Error).message}`);
  }
  return value;
}

export function withOutputOptions(command: Command, options: { json?: boolean } = {}): Command {
  command
    .addOption(
      new Option('-o, --output <format>', `output format (default: the command's own text view)`)
        .choices([...OUTPUT_FORMATS])
        .argParser(parseOutputFormat),
    )
    .option('--query <jmespath>', 'JMESPath query applied to the result before formatting', parseQuery);
  if (options.json !== false) command.option('--json', 'same as -o json');
  return command;
}

/** The format to print in: -o, then --json, then HAYMAKER_OUTPUT, then JSON when a --query asks, else text. */
export function chosenFormat(
  options: OutputOptions,
  hasTextView: boolean,
  env: NodeJS.ProcessEnv = process.env,
): OutputFormat | 'text' {
  if (options.output) return options.output;
  if (options.json) return 'json';
  const fromEnvironment = env[OUTPUT_ENVIRONMENT_VARIABLE];
  if (fromEnvironment) {
    try {
      return parseOutputFormat(fromEnvironment);
    } catch (error) {
      throw new CliError(`${OUTPUT_ENVIRONMENT_VARIABLE}: ${(error as Error).message}`, EXIT.usage);
    }
  }
  if (options.query !== undefined || !hasTextView) return 'json';
  return 'text';
}
