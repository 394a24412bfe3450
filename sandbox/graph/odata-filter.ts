/**
 * The `$filter` subset HayMaker sends: `prop eq 'value'` (and `startswith(prop,'value')`), joined
 * with `and`. Anything else is refused, as Graph refuses what it cannot evaluate.
 */
export type Filter = (item: Record<string, unknown>) => boolean;

const clause = /^\s*(?:(\w+)\s+eq\s+'((?:[^']|'')*)'|startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\))\s*$/i;

export function parseFilter(text: string | null): Filter | { error: string } {
  if (text === null || text.trim() === '') return () => true;
  const parts = text.split(/\s+and\s+/i);
  const tests: Filter[] = [];
  for (const part of parts) {
    const m = clause.exec(part);
    if (!m)
      return { error: `Unsupported or invalid query filter clause specified for property '${part.trim()}'.` };
    if (m[1]) {
      const prop = m[1];
      const value = m[2].replace(/''/g, "'");
      tests.push((item) => String(item[prop] ?? '').toLowerCase() === value.toLowerCase());
    } else {
      const prop = m[3];
      const value = m[4].replace(/''/g, "'").toLowerCase();
      tests.push((item) =>
        String(item[prop] ?? '')
          .toLowerCase()
          .startsWith(value),
      );
    }
  }
  return (item) => tests.every((t) => t(item));
}
