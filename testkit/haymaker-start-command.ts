// How tests and benchmarks launch `haymaker start` the way `npm start` does (package.json: node with the bash
// parser's options, core/shell/node-args.ts): machine-readable output, any free port, its own data dir.
import path from 'node:path';
import { repoRoot } from '../cli/local/paths';
import { PARSER_NODE_ARGS } from '../core/shell/node-args';

/** The node arguments of `haymaker start --json --port 0 --data-dir <dataDir> ...args`. */
export function haymakerStartArgv(dataDir: string, args: readonly string[]): string[] {
  return [
    ...PARSER_NODE_ARGS,
    path.join(repoRoot(), 'bin', 'haymaker.js'),
    'start',
    '--json',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    ...args,
  ];
}
