/** Fields whose keys are data, not schema (tag names, identity ids): their values are compared, not their keys. */
export const dictionaryFields = new Set(['tags', 'userAssignedIdentities']);

/**
 * Structural comparison for contract tests: every field the example carries must be present in the
 * actual answer with the same JSON type (values may differ). Arrays: the example's first element is
 * the shape each actual element must have. `optional` lists paths (`a.b[].c`, `a.list[]` for an array
 * allowed to be empty) allowed to be missing.
 */
export function shapeMismatches(
  example: unknown,
  actual: unknown,
  optional: ReadonlySet<string> = new Set(),
  path = '',
): string[] {
  if (example === null || example === undefined) return [];
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(actual) !== kind(example)) {
    return optional.has(path) && (actual === undefined || actual === null)
      ? []
      : [`${path || '(root)'}: expected ${kind(example)}, got ${kind(actual)}`];
  }
  if (Array.isArray(example)) {
    const items = actual as unknown[];
    if (example.length === 0) return [];
    if (items.length === 0)
      return optional.has(`${path}[]`)
        ? []
        : [`${path}: expected a non-empty array like the example, got []`];
    return items.flatMap((item) => shapeMismatches(example[0], item, optional, `${path}[]`));
  }
  if (typeof example === 'object') {
    const obj = actual as Record<string, unknown>;
    if (dictionaryFields.has(path.split('.').pop() ?? '')) {
      const sample = Object.values(example as Record<string, unknown>)[0];
      return sample === undefined
        ? []
        : Object.entries(obj).flatMap(([key, value]) =>
            shapeMismatches(sample, value, optional, `${path}.${key}`),
          );
    }
    return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) => {
      const child = path ? `${path}.${key}` : key;
      if (!(key in obj)) return optional.has(child) ? [] : [`${child}: missing`];
      return shapeMismatches(value, obj[key], optional, child);
    });
  }
  return [];
}
