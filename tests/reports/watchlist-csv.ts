// What a Microsoft Sentinel watchlist upload needs of a CSV file, as docs/ground-truth.md documents it: a header row
// naming the columns (https://learn.microsoft.com/azure/sentinel/watchlists-create), every row with the header's
// columns, the SearchKey column (eventDataId) present and unique, and at most 3.8 MB for an upload from a local file
// (larger files go through Azure Storage: https://learn.microsoft.com/cli/azure/sentinel/watchlist). Fields are parsed
// as RFC 4180 says (quoted fields may hold commas, quotes doubled).
export const WATCHLIST_LOCAL_UPLOAD_MAX_BYTES = 3.8 * 1024 * 1024;
export const HAY_SEARCH_KEY = 'eventDataId';

/** RFC 4180 records of a CSV text (CRLF or LF line ends). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

export function watchlistCsvProblems(text: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(text, 'utf8') > WATCHLIST_LOCAL_UPLOAD_MAX_BYTES)
    problems.push('larger than 3.8 MB: upload it through Azure Storage instead');
  const [header, ...rows] = parseCsv(text);
  if (!header || header.some((h) => h.trim() === ''))
    return [...problems, 'no header row naming every column'];
  if (new Set(header).size !== header.length) problems.push('duplicate column names in the header');
  const key = header.indexOf(HAY_SEARCH_KEY);
  if (key < 0) problems.push(`no ${HAY_SEARCH_KEY} column for the SearchKey`);
  rows.forEach((row, i) => {
    if (row.length !== header.length)
      problems.push(`row ${i + 2} has ${row.length} fields, the header ${header.length}`);
  });
  if (key >= 0) {
    const keys = rows.map((r) => r[key]);
    if (keys.some((k) => !k)) problems.push(`a row without ${HAY_SEARCH_KEY}`);
    if (new Set(keys).size !== keys.length) problems.push(`${HAY_SEARCH_KEY} is not unique`);
  }
  return problems;
}
