// Where local mode finds the repository's compiled pieces and keeps its state.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the folder holding package.json above dist/cli/local (or cli/local under ts-jest). */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`could not find the HayMaker repository above ${__dirname}`);
}

export interface LocalPaths {
  root: string;
  dataDir: string;
  sandboxDir: string;
  sandboxFile: string;
  tlsDir: string;
  appEntry: string;
  agentEntry: string;
  azStandinBin: string;
  scenariosDir: string;
  reportsDir: string;
}

export function localPaths(dataDir?: string): LocalPaths {
  const root = repoRoot();
  const data = resolve(dataDir ?? process.env.HAYMAKER_HOME ?? join(process.cwd(), '.haymaker'));
  const sandboxDir = join(data, 'sandbox');
  return {
    root,
    dataDir: data,
    sandboxDir,
    sandboxFile: join(data, 'sandbox.json'),
    tlsDir: join(sandboxDir, 'tls'),
    appEntry: join(root, 'dist', 'app', 'main.js'),
    agentEntry: join(root, 'dist', 'agent-runtime', 'main.js'),
    azStandinBin: join(root, 'sandbox', 'az-standin', 'bin'),
    scenariosDir: join(root, 'scenarios'),
    reportsDir: join(data, 'reports'),
  };
}
