// Shared shape of the rules that demand a literal value on one resource type.
import type { SyntaxNode } from '../parse';
import type { Rule } from '../rule';
import { lineOf, literalString, propertyPath, resourceDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

export interface PropertyRequirement {
  /** Resource type, without the API version. */
  type: string;
  path: string[];
  /** The literal(s) accepted, compared to the Bicep source text (`true`, `'TLS1_2'`). */
  accepted: (value: SyntaxNode) => boolean;
  expected: string;
}

export function literalText(value: SyntaxNode): string {
  return literalString(value) ?? value.text;
}

export function propertyRule(name: string, description: string, requirements: PropertyRequirement[]): Rule {
  return {
    name,
    description,
    check: ({ files }) =>
      files.flatMap((f) =>
        resourceDeclarations(f.root).flatMap((r): Violation[] => {
          if (r.existing) return [];
          return requirements
            .filter((req) => req.type.toLowerCase() === r.type.toLowerCase())
            .flatMap((req) => {
              const value = propertyPath(r.body, ...req.path);
              if (value && req.accepted(value)) return [];
              const found = value ? `is ${value.text}` : 'is not set';
              return [
                {
                  file: f.file,
                  line: lineOf(value ?? r.node),
                  rule: name,
                  message: `resource '${r.symbol}' (${r.type}): ${req.path.join('.')} ${found}; set it to ${req.expected}`,
                },
              ];
            });
        }),
      ),
  };
}
