import type { Rule } from '../rule';
import { syntaxProblems } from '../syntax-tree';

export const syntaxRule: Rule = {
  name: 'syntax',
  description: 'Every .bicep and .bicepparam file parses without errors (tree-sitter-bicep).',
  check: ({ files }) =>
    files.flatMap((f) =>
      syntaxProblems(f.root).map((p) => ({
        file: f.file,
        line: p.line,
        rule: 'syntax',
        message: `syntax error at column ${p.column}: ${p.description}; fix the file (az bicep build shows the compiler's view)`,
      })),
    ),
};
