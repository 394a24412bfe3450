// The folder-level import graph of the repository, checked against the layers declared in docs/ARCHITECTURE.md
// (section "Layers"). `npm run graph` prints it; tests/tools/import-graph.test.ts fails on an arrow the layers forbid.
// Every kind of import counts (static, type-only, `require`, `import()` and `typeof import()`): a type-only arrow
// still couples two folders, so it is marked, not hidden.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export type Side = 'shared' | 'app' | 'agent' | 'local';

export interface FolderLayer {
  folder: string;
  layer: number;
  side: Side;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

export interface FolderArrow {
  from: string;
  to: string;
  /** How many file-to-file imports make up the arrow. */
  imports: number;
  /** True when every one of them imports types only. */
  typeOnly: boolean;
  /** Why the layers forbid it; undefined when they allow it. */
  violation?: 'up' | 'across';
  /** The file-to-file imports behind a forbidden arrow. */
  files: string[];
}

const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.haymaker', '.git', 'fixtures']);
const SIDES: readonly Side[] = ['shared', 'app', 'agent', 'local'];

/** Every TypeScript file below `root`, relative, with `/` separators. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIPPED.has(name) || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts'))
        files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}

/** The module specifiers a file names, each with whether it brings in types only. */
export function importsOf(text: string, fileName = 'file.ts'): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        found.push({ specifier: arg.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]!) &&
      ((ts.isIdentifier(node.expression) && node.expression.text === 'require') ||
        node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      found.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the repository file it names, if that file exists. */
function resolveLocal(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return relative(root, candidate).split(sep).join('/');
  }
  return undefined;
}

/** File-to-file imports within the repository. */
export function importEdges(root: string, files = sourceFiles(root)): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const { specifier, typeOnly } of importsOf(readFileSync(join(root, from), 'utf8'), from)) {
      const to = resolveLocal(root, from, specifier);
      if (to && to !== from) edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

/** The folder a file belongs to in the graph: its top-level folder (root files belong to none). */
export const folderOf = (file: string): string | undefined =>
  file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;

/**
 * The layers table of docs/ARCHITECTURE.md: the rows under the heading "## Layers" shaped
 * `| <layer number> | <folder>[, <folder>…] | <side> | …`.
 */
export function parseLayers(markdown: string): FolderLayer[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Layers'));
  if (!section) throw new Error('docs/ARCHITECTURE.md has no "## Layers" section');
  const layers: FolderLayer[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const layer = Number(cells[1]);
    if (cells.length < 5 || cells[1] === '' || !Number.isInteger(layer)) continue;
    const side = cells[3] as Side;
    if (!SIDES.includes(side))
      throw new Error(`Layers: side "${cells[3]}" is not one of ${SIDES.join(', ')}`);
    for (const folder of cells[2]!.split(',').map((f) => f.replace(/`/g, '').trim()))
      if (folder) layers.push({ folder, layer, side });
  }
  if (layers.length === 0) throw new Error('docs/ARCHITECTURE.md "## Layers" lists no folders');
  return layers;
}

/**
 * Why an import from one folder into another is forbidden, if it is: a folder imports only folders of a lower
 * layer ("up" otherwise), and only from its own side or the shared one, except local tools, which may import
 * anything below them ("across" otherwise). A folder the table does not list is forbidden everything.
 */
export function violationOf(
  from: FolderLayer | undefined,
  to: FolderLayer | undefined,
): FolderArrow['violation'] {
  if (!from || !to) return 'up';
  if (to.layer >= from.layer) return to.layer > from.layer ? 'up' : 'across';
  if (from.side !== 'local' && to.side !== 'shared' && to.side !== from.side) return 'across';
  return undefined;
}

export function folderArrows(edges: readonly ImportEdge[], layers: readonly FolderLayer[]): FolderArrow[] {
  const byFolder = new Map(layers.map((l) => [l.folder, l]));
  const arrows = new Map<string, FolderArrow>();
  for (const edge of edges) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (!from || !to || from === to) continue;
    const key = `${from}→${to}`;
    let arrow = arrows.get(key);
    if (!arrow) {
      const violation = violationOf(byFolder.get(from), byFolder.get(to));
      arrow = { from, to, imports: 0, typeOnly: true, files: [], ...(violation ? { violation } : {}) };
      arrows.set(key, arrow);
    }
    arrow.imports++;
    arrow.typeOnly &&= edge.typeOnly;
    if (arrow.violation) arrow.files.push(`${edge.from} → ${edge.to}${edge.typeOnly ? ' (types)' : ''}`);
  }
  const rank = (folder: string) => byFolder.get(folder)?.layer ?? Infinity;
  return [...arrows.values()].sort(
    (a, b) => rank(b.from) - rank(a.from) || a.from.localeCompare(b.from) || rank(b.to) - rank(a.to),
  );
}

export function importGraph(root: string): { layers: FolderLayer[]; arrows: FolderArrow[] } {
  const layers = parseLayers(readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8'));
  return { layers, arrows: folderArrows(importEdges(root), layers) };
}

export function formatGraph(graph: { layers: FolderLayer[]; arrows: FolderArrow[] }): string {
  const lines: string[] = [];
  const byLayer = new Map<number, FolderLayer[]>();
  for (const l of graph.layers) byLayer.set(l.layer, [...(byLayer.get(l.layer) ?? []), l]);
  lines.push('Layers (docs/ARCHITECTURE.md), highest first:');
  for (const layer of [...byLayer.keys()].sort((a, b) => b - a))
    lines.push(
      `  ${layer}  ${byLayer
        .get(layer)!
        .map((l) => `${l.folder} (${l.side})`)
        .join('  ')}`,
    );
  const width = Math.max(0, ...graph.arrows.map((a) => `${a.from} → ${a.to}`.length));
  const row = (a: FolderArrow) =>
    `  ${`${a.from} → ${a.to}`.padEnd(width)}  ${String(a.imports).padStart(4)}${a.typeOnly ? '  types only' : ''}`;
  lines.push('', `Arrows (imports per folder pair), ${graph.arrows.length}:`);
  for (const a of graph.arrows) lines.push(`${row(a)}${a.violation ? `  ${a.violation.toUpperCase()}` : ''}`);
  const bad = graph.arrows.filter((a) => a.violation);
  lines.push('', `Arrows against the layers: ${bad.length}`);
  for (const a of bad) {
    lines.push(`${row(a)}  ${a.violation}`);
    for (const f of a.files) lines.push(`      ${f}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const root = resolve(__dirname, '..', ...(__dirname.split(sep).includes('dist') ? ['..'] : []));
  const graph = importGraph(root);
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(graph, null, 2)}\n` : `${formatGraph(graph)}\n`,
  );
}
