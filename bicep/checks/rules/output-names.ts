import type { Rule } from '../rule';
import { lineOf, topLevel } from '../syntax-tree';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

// azd turns the top-level template's outputs into environment values, so they are named like environment variables.
// Module outputs are internal and keep Bicep's camelCase.
export const outputNamesRule: Rule = {
  name: 'output-names',
  description: 'Outputs of main.bicep are UPPER_SNAKE (azd environment values).',
  check: ({ files }) =>
    files
      .filter((f) => f.file === 'main.bicep')
      .flatMap((f) =>
        topLevel(f.root, 'output_declaration')
          .map((o) => ({ node: o, name: o.namedChildren[0]?.text ?? '' }))
          .filter((o) => !UPPER_SNAKE.test(o.name))
          .map((o) => ({
            file: f.file,
            line: lineOf(o.node),
            rule: 'output-names',
            message: `output '${o.name}' is not UPPER_SNAKE; rename it (e.g. ${o.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()})`,
          })),
      ),
};
