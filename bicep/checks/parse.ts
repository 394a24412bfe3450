// Parses .bicep and .bicepparam files with tree-sitter-bicep (no Bicep compiler can run here).
import { readFileSync } from 'node:fs';
import Parser = require('tree-sitter');

export type SyntaxNode = Parser.SyntaxNode;

export interface BicepFile {
  /** Path relative to the checked root, with forward slashes. */
  file: string;
  absolutePath: string;
  kind: 'bicep' | 'bicepparam';
  root: SyntaxNode;
}

let parser: Parser | undefined;

function sharedParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(require('tree-sitter-bicep') as Parser.Language);
  }
  return parser;
}

/**
 * The grammar knows `.bicep` only: a `.bicepparam` assignment `param x = v` lacks the type a declaration has.
 * Inserting a type keyword on the same line keeps line numbers exact, which is all the rules report.
 */
export function bicepparamAsBicep(source: string): string {
  return source.replace(/^(\s*param\s+[A-Za-z_][A-Za-z0-9_]*)(\s*=)/gm, '$1 object$2');
}

export function parseBicepSource(source: string, kind: BicepFile['kind']): SyntaxNode {
  const text = kind === 'bicepparam' ? bicepparamAsBicep(source) : source;
  // tree-sitter's default buffer is 32 KiB; size it to the file so large templates parse whole.
  return sharedParser().parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 1024) })
    .rootNode;
}

export function loadBicepFile(absolutePath: string, file: string): BicepFile {
  const kind = absolutePath.endsWith('.bicepparam') ? 'bicepparam' : 'bicep';
  return { file, absolutePath, kind, root: parseBicepSource(readFileSync(absolutePath, 'utf8'), kind) };
}
