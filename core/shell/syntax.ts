// A plain, immutable copy of a tree-sitter-bash syntax tree: no WebAssembly memory to free, easy to walk and test.

export interface SyntaxNode {
  /** tree-sitter-bash node type (`command`, `word`, `string`, `heredoc_body`, …) or the token text of an operator. */
  type: string;
  /** Field name in the parent (`name`, `argument`, `redirect`, `body`, …), when the grammar gives one. */
  field?: string;
  named: boolean;
  /** The source text the node covers. */
  text: string;
  /** UTF-16 offsets in the parsed text (JavaScript string indices). */
  start: number;
  end: number;
  /** 0-based line of the node's first character. */
  line: number;
  /** Every child, operators and keywords included, in source order. */
  children: SyntaxNode[];
}

export interface SyntaxProblem {
  /** 0-based line. */
  line: number;
  kind: 'error' | 'missing';
  text: string;
}

export interface ParsedBash {
  root: SyntaxNode;
  /** Where tree-sitter had to recover: the text is not bash the parser understood, so nothing in it can be trusted. */
  problems: SyntaxProblem[];
}

export const namedChildren = (node: SyntaxNode): SyntaxNode[] => node.children.filter((c) => c.named);

export const childrenByField = (node: SyntaxNode, field: string): SyntaxNode[] =>
  node.children.filter((c) => c.field === field);

export const childByField = (node: SyntaxNode, field: string): SyntaxNode | undefined =>
  node.children.find((c) => c.field === field);

/** Depth-first, parents before children; `visit` returning false skips a node's children. */
export function walkSyntax(node: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  if (visit(node) === false) return;
  for (const child of node.children) walkSyntax(child, visit);
}
