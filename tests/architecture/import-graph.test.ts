// The folder-level import graph (tools/import-graph.ts, `npm run graph`) against the layers declared in
// docs/ARCHITECTURE.md: a folder imports only lower layers of its own side or the shared one.
import { resolve } from 'node:path';
import {
  folderArrows,
  importGraph,
  importsOf,
  parseLayers,
  sourceFiles,
  folderOf,
} from '../../tools/import-graph';

const root = resolve(__dirname, '..', '..');
const LAYERS = parseLayers(`
## Layers
| layer | folders | side | job |
|---|---|---|---|
| 0 | core | shared | pure |
| 1 | contract | app | names |
| 2 | orchestrations, adapters | app | durable code |
| 2 | agent-runtime | agent | the agent |
| 3 | app | app | entry |
| 4 | cli | local | tools |
`);
const edge = (from: string, to: string, typeOnly = false) => ({ from, to, typeOnly });

describe('import graph', () => {
  it('has no arrow that runs against the layers of docs/ARCHITECTURE.md', () => {
    const { arrows } = importGraph(root);
    expect(arrows.length).toBeGreaterThan(30);
    expect(arrows.filter((a) => a.violation).map((a) => [`${a.from} → ${a.to}`, ...a.files])).toEqual([]);
  });

  it('places every folder that holds TypeScript in a layer', () => {
    const { layers } = importGraph(root);
    const listed = new Set(layers.map((l) => l.folder));
    const folders = new Set(sourceFiles(root).flatMap((f) => folderOf(f) ?? []));
    expect([...folders].filter((f) => !listed.has(f))).toEqual([]);
  });

  it('flags an upward arrow, a sideways one and one into another side, and lets local tools reach down', () => {
    const arrows = folderArrows(
      [
        edge('core/a.ts', 'contract/b.ts', true),
        edge('orchestrations/a.ts', 'adapters/b.ts'),
        edge('app/a.ts', 'agent-runtime/b.ts'),
        edge('app/a.ts', 'orchestrations/b.ts'),
        edge('cli/a.ts', 'agent-runtime/b.ts'),
        edge('core/a.ts', 'nowhere/b.ts'),
      ],
      LAYERS,
    );
    const verdict = Object.fromEntries(arrows.map((a) => [`${a.from}→${a.to}`, a.violation ?? 'ok']));
    expect(verdict).toEqual({
      'core→contract': 'up',
      'orchestrations→adapters': 'across',
      'app→agent-runtime': 'across',
      'app→orchestrations': 'ok',
      'cli→agent-runtime': 'ok',
      'core→nowhere': 'up',
    });
    expect(arrows.find((a) => a.from === 'core' && a.to === 'contract')).toMatchObject({
      typeOnly: true,
      files: ['core/a.ts → contract/b.ts (types)'],
    });
  });

  it('counts every kind of import, marking the type-only ones', () => {
    const found = importsOf(`
      import { a } from './value';
      import type { B } from './types';
      import { type C, type D } from './named-types';
      export { e } from './reexport';
      export type { F } from './type-reexport';
      const g = require('./required') as typeof import('./type-query');
      async function h() { await import('./dynamic'); }
    `);
    expect(found).toEqual([
      { specifier: './value', typeOnly: false },
      { specifier: './types', typeOnly: true },
      { specifier: './named-types', typeOnly: true },
      { specifier: './reexport', typeOnly: false },
      { specifier: './type-reexport', typeOnly: true },
      { specifier: './required', typeOnly: false },
      { specifier: './type-query', typeOnly: true },
      { specifier: './dynamic', typeOnly: false },
    ]);
  });
});
