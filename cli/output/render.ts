// How a result turns into text for `-o json|jsonc|yaml|table|tsv|none`, the way the Azure CLI does it. Its formatter
// is knack's knack/output.py (github.com/microsoft/knack, format_table/_TableOutput, format_tsv/_TsvOutput): table
// columns are the scalar, non-null keys of each object (id, type and etag left out), first letter upper-cased, keys
// sorted unless a --query or a command's own column choice decides; tsv writes one line per list item, the values in
// key order (sorted unless --query decided), a nested list as its length, a nested object as an empty field, and
// Python's str() of a scalar (True, False, None).
import { toCsv, toJsonLines } from '../../reports/hay-export';

// jsonl and csv go beyond az: one JSON object a line, and RFC 4180 CSV (`runs hay` exports to SIEM tables with them).
export const OUTPUT_FORMATS = ['json', 'jsonc', 'yaml', 'table', 'tsv', 'jsonl', 'csv', 'none'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

type Row = Record<string, unknown>;

const TABLE_SKIPPED_KEYS = new Set(['id', 'type', 'etag']);

const isPlainObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python's str() of a scalar, which is what az prints in table and tsv cells. */
function pythonStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

const capitalizeFirst = (key: string) => (key ? key[0]!.toUpperCase() + key.slice(1) : key);

function tableRow(item: unknown, sortKeys: boolean): Row {
  if (isPlainObject(item)) {
    const row: Row = {};
    const keys = sortKeys ? Object.keys(item).sort() : Object.keys(item);
    for (const key of keys) {
      const value = item[key];
      if (TABLE_SKIPPED_KEYS.has(key) || value === null || value === undefined || typeof value === 'object')
        continue;
      row[capitalizeFirst(key)] = value;
    }
    return row;
  }
  if (Array.isArray(item)) return Object.fromEntries(item.map((v, i) => [`Column${i + 1}`, v]));
  return { Result: item };
}

/** tabulate's "simple" format as knack calls it: header, dashes, rows, columns two spaces apart, no number parsing. */
function tabulateSimple(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (columns.length === 0) return '';
  const cells = rows.map((r) => columns.map((c) => (c in r ? pythonStr(r[c]) : '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function renderTable(value: unknown, options: { sortKeys: boolean }): string {
  const items = Array.isArray(value) ? value : [value];
  return tabulateSimple(items.map((item) => tableRow(item, options.sortKeys)));
}

function tsvField(v: unknown): string {
  if (Array.isArray(v)) return String(v.length);
  if (isPlainObject(v)) return '';
  return pythonStr(v);
}

function tsvLine(item: unknown, sortKeys: boolean): string {
  if (isPlainObject(item)) {
    const keys = sortKeys ? Object.keys(item).sort() : Object.keys(item);
    return keys.map((k) => tsvField(item[k])).join('\t');
  }
  if (Array.isArray(item)) return item.map(tsvField).join('\t');
  if (typeof item === 'boolean') return String(item);
  return tsvField(item);
}

export function renderTsv(value: unknown, options: { sortKeys: boolean }): string {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => `${tsvLine(item, options.sortKeys)}\n`).join('');
}

const ANSI = { key: '\x1b[94m', string: '\x1b[32m', literal: '\x1b[35m', reset: '\x1b[0m' };

/** Colour for jsonc on a terminal: keys, strings and literals, over the JSON text itself. */
function colorizeJson(json: string): string {
  return json.replace(
    /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (match, str: string | undefined, colon: string | undefined, literal: string | undefined) => {
      if (str !== undefined)
        return colon ? `${ANSI.key}${str}${ANSI.reset}${colon}` : `${ANSI.string}${str}${ANSI.reset}`;
      return `${ANSI.literal}${literal ?? match}${ANSI.reset}`;
    },
  );
}

export interface RenderOptions {
  /** Keys in the order the value has them (a --query or a command's column choice decided), not sorted. */
  keepKeyOrder?: boolean;
  /** jsonc and yamlc colour only on a terminal, as az does. */
  color?: boolean;
}

/** The text for one result; `null`/`undefined` print nothing, as az prints nothing for a command without a result. */
export function render(value: unknown, format: OutputFormat, options: RenderOptions = {}): string {
  if (value === undefined || value === null || format === 'none') return '';
  const sortKeys = !options.keepKeyOrder;
  switch (format) {
    case 'json':
      return `${JSON.stringify(value, null, 2)}\n`;
    case 'jsonc': {
      const json = `${JSON.stringify(value, null, 2)}\n`;
      return options.color ? colorizeJson(json) : json;
    }
    case 'yaml':
      // Loaded only for --output yaml: 72 modules that every other command's start-up would pay for.
      return (require('yaml') as typeof import('yaml')).stringify(value);
    case 'table':
      return renderTable(value, { sortKeys });
    case 'tsv':
      return renderTsv(value, { sortKeys });
    case 'jsonl':
      return toJsonLines(Array.isArray(value) ? value : [value]);
    case 'csv':
      return toCsv((Array.isArray(value) ? value : [value]) as Record<string, unknown>[]);
  }
}
