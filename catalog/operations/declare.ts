// Writes a scenario's `operations:` front-matter list (what `observe:operations --declare` does with a sandbox run's
// observation), leaving every other line of the document as it was.
const FENCE = /^---\s*$/;
const TOP_LEVEL_KEY = /^[A-Za-z_][\w-]*\s*:/;

export function declareOperations(text: string, operations: readonly string[]): string {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) throw new Error('the document does not start with front matter');
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) throw new Error('the front matter is not closed');
  const front = lines.slice(1, end);
  const start = front.findIndex((l) => /^operations\s*:/.test(l));
  if (start >= 0) {
    let stop = start + 1;
    while (stop < front.length && !TOP_LEVEL_KEY.test(front[stop]!)) stop++;
    front.splice(start, stop - start);
  }
  const block = operations.length
    ? ['operations:', ...operations.map((o) => `  - ${o}`)]
    : ['operations: []'];
  const variables = front.findIndex((l) => /^variables\s*:/.test(l));
  front.splice(start >= 0 ? start : variables >= 0 ? variables : front.length, 0, ...block);
  return [lines[0]!, ...front, ...lines.slice(end)].join('\n');
}
