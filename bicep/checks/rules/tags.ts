import type { Rule } from '../rule';
import { lineOf, property, resourceDeclarations } from '../syntax-tree';

// A resource with a location is a tracked resource and accepts tags; child and extension resources (containers,
// queues, role assignments) have no location and take none.
export const tagsRule: Rule = {
  name: 'tags',
  description:
    'Every tracked resource (one with a location) declares tags, so cost and ownership are traceable.',
  check: ({ files }) =>
    files.flatMap((f) =>
      resourceDeclarations(f.root)
        .filter((r) => !r.existing && property(r.body, 'location') && !property(r.body, 'tags'))
        .map((r) => ({
          file: f.file,
          line: lineOf(r.node),
          rule: 'tags',
          message: `resource '${r.symbol}' (${r.type}) has a location but no tags; add \`tags: tags\``,
        })),
    ),
};
