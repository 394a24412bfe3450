// The one bash parser of HayMaker (command policy, scenario linter, agent): tree-sitter-bash's grammar run by
// web-tree-sitter (WebAssembly, so the same code runs in the agent image, the Functions app and on any
// developer machine without a native build). Loading is asynchronous and happens once per process; parsing is
// synchronous after that, so the policy and the linter stay plain functions.
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { ParsedBash, SyntaxNode, SyntaxProblem } from './syntax';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the grammar once; every entry point that parses bash awaits this first (it is cheap after the first call). */
export function loadBashParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    // Bytes, not a path: given a path, web-tree-sitter reads it through a dynamic import() that CommonJS
    // hosts without ESM support (jest) cannot run.
    const grammar = await readFile(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const language = await Language.load(new Uint8Array(grammar));
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })().catch((error: unknown) => {
    loading = undefined;
    throw new Error(
      `could not load the bash grammar (web-tree-sitter + tree-sitter-bash): ${(error as Error).message} — run npm install`,
    );
  });
  return loading;
}

export function isBashParserLoaded(): boolean {
  return parser !== undefined;
}

function copy(node: Node, field: string | undefined, problems: SyntaxProblem[]): SyntaxNode {
  if (node.isMissing) problems.push({ line: node.startPosition.row, kind: 'missing', text: node.type });
  else if (node.type === 'ERROR')
    problems.push({ line: node.startPosition.row, kind: 'error', text: node.text.slice(0, 80) });
  const children: SyntaxNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) children.push(copy(child, node.fieldNameForChild(i) ?? undefined, problems));
  }
  return {
    type: node.type,
    ...(field ? { field } : {}),
    named: node.isNamed,
    text: node.text,
    start: node.startIndex,
    end: node.endIndex,
    line: node.startPosition.row,
    children,
  };
}

/** Parses bash text; `problems` lists every place the grammar could not follow. */
export function parseBash(text: string): ParsedBash {
  if (!parser)
    throw new Error(
      'the bash parser is not loaded: await loadBashParser() before checking or linting commands',
    );
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree for a bash text');
  try {
    const problems: SyntaxProblem[] = [];
    const root = copy(tree.rootNode, undefined, problems);
    return { root, problems };
  } finally {
    tree.delete();
  }
}
