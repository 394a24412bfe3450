// Small readers over the tree-sitter-bicep tree: declarations, object properties, literal strings.
import type { SyntaxNode } from './parse';

export interface ResourceDeclaration {
  symbol: string;
  /** `Microsoft.Storage/storageAccounts@2023-05-01` as written (no interpolation). */
  typeReference: string;
  type: string;
  apiVersion?: string;
  existing: boolean;
  /** The resource body; inside `if (...)` or `[for ...]` when conditional or looped. */
  body?: SyntaxNode;
  node: SyntaxNode;
}

export const lineOf = (node: SyntaxNode): number => node.startPosition.row + 1;

/** Literal text of a string node; undefined when it interpolates (`'${x}'`) or is not a string. */
export function literalString(node: SyntaxNode | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return node.namedChildren.map((c) => (c.type === 'escape_sequence' ? unescape(c.text) : c.text)).join('');
}

function unescape(sequence: string): string {
  const map: Record<string, string> = {
    "\\'": "'",
    '\\\\': '\\',
    '\\n': '\n',
    '\\r': '\r',
    '\\t': '\t',
    '\\$': '$',
  };
  return map[sequence] ?? sequence;
}

/** Body object of a resource/module declaration, looking through `if (...)` and `[for ...]`. */
export function declarationBody(declaration: SyntaxNode): SyntaxNode | undefined {
  for (const child of declaration.namedChildren) {
    if (child.type === 'object') return child;
    if (child.type === 'if_statement' || child.type === 'for_statement') {
      return (
        child.namedChildren.find((c) => c.type === 'object') ?? child.childForFieldName('body') ?? undefined
      );
    }
  }
  return undefined;
}

export function objectProperties(
  object: SyntaxNode | undefined,
): { key: string; keyNode: SyntaxNode; value?: SyntaxNode; node: SyntaxNode }[] {
  if (!object || object.type !== 'object') return [];
  return object.namedChildren
    .filter((c) => c.type === 'object_property')
    .map((node) => {
      const [keyNode, value] = node.namedChildren;
      const key = keyNode.type === 'string' ? (literalString(keyNode) ?? keyNode.text) : keyNode.text;
      return { key, keyNode, value, node };
    });
}

export function property(object: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  return objectProperties(object).find((p) => p.key === key)?.value;
}

/** `property(obj, 'a', 'b')` = obj.a.b, undefined as soon as a step is missing or not an object. */
export function propertyPath(object: SyntaxNode | undefined, ...keys: string[]): SyntaxNode | undefined {
  let current = object;
  for (const key of keys) {
    current = property(current, key);
    if (!current) return undefined;
  }
  return current;
}

export function topLevel(root: SyntaxNode, type: string): SyntaxNode[] {
  return root.namedChildren.filter((c) => c.type === type);
}

export function resourceDeclarations(root: SyntaxNode): ResourceDeclaration[] {
  return root.descendantsOfType('resource_declaration').map((node) => {
    const [identifier, typeNode] = node.namedChildren;
    const typeReference = literalString(typeNode) ?? typeNode?.text ?? '';
    const at = typeReference.indexOf('@');
    return {
      symbol: identifier?.text ?? '',
      typeReference,
      type: at >= 0 ? typeReference.slice(0, at) : typeReference,
      apiVersion: at >= 0 ? typeReference.slice(at + 1) : undefined,
      existing: node.children.some((c) => !c.isNamed && c.type === 'existing'),
      body: declarationBody(node),
      node,
    };
  });
}

/** Parameters declared in a `.bicep` file; `required` = no default and not nullable (`string?`). */
export function parameterDeclarations(
  root: SyntaxNode,
): { name: string; required: boolean; defaultValue?: SyntaxNode; node: SyntaxNode }[] {
  return topLevel(root, 'parameter_declaration').map((node) => {
    const name = node.namedChildren[0]?.text ?? '';
    const typeNode = node.namedChildren.find((c) => c.type === 'type');
    const nullable = typeNode?.namedChildren.some((c) => c.type === 'nullable_type') ?? false;
    const equals = node.children.findIndex((c) => !c.isNamed && c.type === '=');
    const defaultValue = equals >= 0 ? node.children.slice(equals + 1).find((c) => c.isNamed) : undefined;
    return { name, required: equals < 0 && !nullable, defaultValue, node };
  });
}

/** Every syntax problem tree-sitter recovered from: ERROR nodes (unexpected text) and MISSING nodes. */
export function syntaxProblems(root: SyntaxNode): { line: number; column: number; description: string }[] {
  const problems: { line: number; column: number; description: string }[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.isMissing) {
      problems.push({
        line: lineOf(node),
        column: node.startPosition.column + 1,
        description: `missing ${node.type}`,
      });
      return;
    }
    if (node.type === 'ERROR') {
      const excerpt = node.text.split('\n')[0].slice(0, 60);
      problems.push({
        line: lineOf(node),
        column: node.startPosition.column + 1,
        description: `unexpected ${JSON.stringify(excerpt)}`,
      });
      return;
    }
    if (node.hasError) for (const child of node.children) visit(child);
  };
  visit(root);
  return problems;
}
