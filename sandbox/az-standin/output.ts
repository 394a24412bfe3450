// `--query` (JMESPath) and `-o json|jsonc|tsv|table|none|yaml` the way az renders them.
import jmespath from 'jmespath';
import { AzError } from './errors';

export type OutputFormat = 'json' | 'tsv' | 'table' | 'none';

export function outputFormat(value: string | undefined): OutputFormat {
  const v = (value ?? 'json').toLowerCase();
  if (v === 'json' || v === 'jsonc' || v === 'yaml' || v === 'yamlc') return 'json';
  if (v === 'tsv' || v === 'table' || v === 'none') return v;
  throw new AzError(
    `argument --output/-o: invalid choice: '${value}' (choose from 'json', 'jsonc', 'none', 'table', 'tsv', 'yaml', 'yamlc')`,
    2,
  );
}

export function applyQuery(value: unknown, query: string | undefined): unknown {
  if (query === undefined) return value;
  try {
    return jmespath.search(value as never, query) as unknown;
  } catch (error) {
    throw new AzError(
      `argument --query: invalid jmespath_type value: '${query}' (${(error as Error).message})`,
      2,
    );
  }
}

const scalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Python's str() of a scalar: az prints booleans as True/False in tsv and table. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

function tsvRow(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.values(v as Record<string, unknown>)
      .filter(scalar)
      .map(text)
      .join('\t');
  }
  if (Array.isArray(v)) return v.filter(scalar).map(text).join('\t');
  return text(v);
}

function table(rows: unknown[]): string {
  const objects = rows.map((r) =>
    r && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : { Result: r },
  );
  const columns = [...new Set(objects.flatMap((o) => Object.keys(o).filter((k) => scalar(o[k]))))];
  if (columns.length === 0) return '';
  const cells = objects.map((o) => columns.map((c) => text(o[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The text az prints for a result (`undefined` = the command prints nothing). */
export function render(value: unknown, format: OutputFormat): string {
  if (value === undefined || format === 'none') return '';
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  if (format === 'tsv') {
    if (value === null) return '';
    const rows = Array.isArray(value) ? value : [value];
    return rows
      .map(tsvRow)
      .map((r) => `${r}\n`)
      .join('');
  }
  if (value === null) return '';
  const out = table(Array.isArray(value) ? value : [value]);
  return out ? `${out}\n` : '';
}
