// Finds the ARM resources a command reported: `az` prints JSON objects carrying `id: /subscriptions/…`,
// or bare ids with `--query id -o tsv`.

export interface DetectedResource {
  resourceId: string;
  resourceType?: string;
  name?: string;
}

const ARM_ID = /^\/subscriptions\/[^/\s]+\/resourcegroups\/[^/\s]+(?:\/providers\/[^\s]+)?$/i;

/** Splits text into its top-level JSON values (objects and arrays), skipping anything else. */
export function topLevelJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.slice(i).search(/[[{]/);
    if (open < 0) break;
    const start = i + open;
    let depth = 0;
    let inString = false;
    let end = -1;
    for (let j = start; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) break;
    try {
      values.push(JSON.parse(text.slice(start, end + 1)));
      i = end + 1;
    } catch {
      i = start + 1;
    }
  }
  return values;
}

function fromObject(value: unknown): DetectedResource | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ARM_ID.test(o.id)) return undefined;
  return {
    resourceId: o.id,
    ...(typeof o.type === 'string' ? { resourceType: o.type } : {}),
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
  };
}

export function detectResources(output: string): DetectedResource[] {
  const found = new Map<string, DetectedResource>();
  for (const value of topLevelJsonValues(output)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const r = fromObject(item);
      if (r) found.set(r.resourceId.toLowerCase(), r);
    }
  }
  for (const line of output.split('\n')) {
    const trimmed = line.trim().replace(/^"|"$/g, '');
    if (ARM_ID.test(trimmed) && !found.has(trimmed.toLowerCase()))
      found.set(trimmed.toLowerCase(), { resourceId: trimmed });
  }
  return [...found.values()];
}
