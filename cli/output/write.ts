// Printing a command's result: the --query first, then the format, as az does; data to stdout, nothing else. Notes
// for people (hints, pagination, summaries) go to stderr through `note`, so `haymaker … | wc -l` counts data only.
import jmespath from 'jmespath';
import { CliError, EXIT } from '../client/errors';
import { chosenFormat, type OutputOptions } from './options';
import { render, type OutputFormat } from './render';

export interface Views<T> {
  /** The command's own text: what it prints when no format is asked for. */
  text?: (value: T) => string;
  /** The rows `-o table` shows when no --query chose them (az's table transformers): the command's column choice. */
  table?: (value: T) => unknown;
}

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function applyQuery(value: unknown, query: string | undefined): unknown {
  if (query === undefined) return value;
  try {
    return jmespath.search(value as never, query) as unknown;
  } catch (error) {
    throw new CliError(
      `--query '${query}' does not apply to this result: ${(error as Error).message}`,
      EXIT.usage,
    );
  }
}

/** The text a result prints as (empty = nothing). */
export function formatResult<T>(
  value: T,
  options: OutputOptions,
  views: Views<T> = {},
  color = false,
): string {
  const format = chosenFormat(options, views.text !== undefined);
  if (format === 'text') return views.text!(value);
  return renderFormatted(value, format, options.query, views, color);
}

function renderFormatted<T>(
  value: T,
  format: OutputFormat,
  query: string | undefined,
  views: Views<T>,
  color: boolean,
): string {
  if (query !== undefined) return render(applyQuery(value, query), format, { keepKeyOrder: true, color });
  if (format === 'table' && views.table) return render(views.table(value), 'table', { keepKeyOrder: true });
  return render(value, format, { color });
}

export function writeResult<T>(
  value: T,
  options: OutputOptions,
  views: Views<T> = {},
  out: Output = process.stdout,
): void {
  const text = formatResult(value, options, views, !!out.isTTY);
  if (text) out.write(text);
}

/** For streams (events --follow): one item at a time, JSON as one line each so `jq` and `head` work as it comes. */
export function itemWriter<T>(
  options: OutputOptions,
  views: Views<T> & { text: (value: T) => string },
  out: Output = process.stdout,
): (item: T) => void {
  const format = chosenFormat(options, true);
  return (item: T) => {
    let text: string;
    if (format === 'text' || format === 'table') text = views.text(item);
    else if (format === 'json' || format === 'jsonc') {
      const value = applyQuery(item, options.query);
      text = value === null || value === undefined ? '' : `${JSON.stringify(value)}\n`;
    } else if (format === 'yaml') {
      const body = render(applyQuery(item, options.query), 'yaml');
      text = body ? `---\n${body}` : '';
    } else text = renderFormatted(item, format, options.query, views, false);
    if (text) out.write(text);
  };
}

/** Everything that is not data: to stderr, so it never mixes into what a script reads. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
