// The run's hay for export: one flat row per event with every exported column present (empty when an event has no
// value), so a CSV has the same columns on every line, as a Microsoft Sentinel watchlist needs
// (https://learn.microsoft.com/azure/sentinel/watchlists-create: a header row, one row per item, comma separated).
import { HAY_EXPORT_FIELDS, type HayEvent, type HayRecord } from '../contract/hay';

export type HayRow = Record<(typeof HAY_EXPORT_FIELDS)[number], string | number | null>;

export function hayRows(records: readonly HayRecord[]): HayRow[] {
  return records
    .flatMap((r) => r.events)
    .sort(
      (a, b) =>
        a.eventTimestamp.localeCompare(b.eventTimestamp) || a.eventDataId.localeCompare(b.eventDataId),
    )
    .map((e: HayEvent) => {
      const row = {} as HayRow;
      for (const field of HAY_EXPORT_FIELDS) row[field] = e[field] ?? null;
      return row;
    });
}

/** One JSON object a line (JSON Lines), the shape the Logs Ingestion API's JSON array takes item by item. */
export function toJsonLines(rows: readonly object[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled; lines end with CRLF. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header of the columns (first-seen order), then one line per row. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [header, ...rows.map((r) => header.map((c) => r[c]))]
    .map((cells) => `${cells.map(csvField).join(',')}\r\n`)
    .join('');
}
