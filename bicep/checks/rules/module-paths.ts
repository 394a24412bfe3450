import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Rule } from '../rule';
import { lineOf, literalString, topLevel } from '../syntax-tree';
import type { Violation } from '../violation';

// Registry (br:) and template-spec (ts:) references cannot be resolved offline; only local paths are checked.
const REMOTE = /^(br|ts)[:/]/;

export const modulePathsRule: Rule = {
  name: 'module-paths',
  description: 'Every module path and every .bicepparam `using` path names a file that exists.',
  check: ({ files }) =>
    files.flatMap((f) => {
      const references = [
        ...topLevel(f.root, 'module_declaration').map((m) => ({
          node: m,
          what: `module '${m.namedChildren[0]?.text ?? ''}'`,
          path: m.namedChildren[1],
        })),
        ...topLevel(f.root, 'using_statement').map((u) => ({
          node: u,
          what: 'using',
          path: u.namedChildren[0],
        })),
      ];
      return references.flatMap(({ node, what, path }): Violation[] => {
        const target = literalString(path);
        const at = { file: f.file, line: lineOf(node), rule: 'module-paths' };
        if (target === undefined)
          return [{ ...at, message: `${what} has no literal path; write the path as a plain string` }];
        if (REMOTE.test(target)) return [];
        if (existsSync(resolve(dirname(f.absolutePath), target))) return [];
        return [
          {
            ...at,
            message: `${what} refers to '${target}', which does not exist next to ${f.file}; fix the path or add the file`,
          },
        ];
      });
    }),
};
