// Every leaf of a sandbox state snapshot as path → JSON text, and what differs between two snapshots: the
// blast-radius test compares the whole state, not a hand-picked list.
export type Flat = Map<string, string>;

export function flatten(value: unknown, path = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, JSON.stringify(value));
    for (const [key, v] of entries) flatten(v, `${path}/${key}`, out);
    return out;
  }
  out.set(path, JSON.stringify(value));
  return out;
}

export interface Change {
  path: string;
  before?: string;
  after?: string;
}

export function changes(before: Flat, after: Flat, ignore: (path: string) => boolean): Change[] {
  const out: Change[] = [];
  for (const [path, value] of before)
    if (!ignore(path) && after.get(path) !== value) out.push({ path, before: value, after: after.get(path) });
  for (const [path, value] of after) if (!ignore(path) && !before.has(path)) out.push({ path, after: value });
  return out;
}
