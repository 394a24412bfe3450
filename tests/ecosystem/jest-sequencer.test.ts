// The suites that drive real agents start first also without timings (fresh clone, CI), and jest's own order holds
// once it has them.
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const Sequencer = require(join(root, 'jest.sequencer.js')) as new (options: unknown) => {
  sort(tests: FakeTest[]): FakeTest[];
  _cache: Map<unknown, Record<string, [number, number]>>;
};

interface FakeTest {
  path: string;
  duration?: number;
  context: {
    config: { cache: boolean; cacheDirectory: string; id: string; rootDir: string };
    hasteFS: object;
  };
}

const sizes: Record<string, number> = {};
const context = {
  config: { cache: false, cacheDirectory: '/nonexistent', id: 'seq', rootDir: root },
  hasteFS: { getSize: (path: string) => sizes[path] ?? 0 },
};
const file = (rel: string, size: number): FakeTest => {
  const path = join(root, 'tests', rel);
  sizes[path] = size;
  return { path, context };
};

describe('jest.sequencer.js', () => {
  const unit = file('core/policy/cli.test.ts', 40_000);
  const bigUnit = file('catalog/library.test.ts', 90_000);
  const blast = file('e2e/blast-radius-prod.test.ts', 200);
  const library = file('scenarios-e2e/library/networking.test.ts', 300);
  const e2e = file('e2e/whole-run.test.ts', 9_000);
  const names = (tests: FakeTest[]) => tests.map((t) => t.path.slice(root.length + 7));

  it('without timings, runs the agent-driving suites first, blast radius first, whatever their size', () => {
    const order = new Sequencer({}).sort([unit, e2e, library, bigUnit, blast]);
    expect(names(order)).toEqual([
      'e2e/blast-radius-prod.test.ts',
      'scenarios-e2e/library/networking.test.ts',
      'e2e/whole-run.test.ts',
      'catalog/library.test.ts',
      'core/policy/cli.test.ts',
    ]);
  });

  it('with timings, keeps jest order: longest first, and an untimed file before timed ones', () => {
    const sequencer = new Sequencer({});
    sequencer._cache.set(context, {
      [blast.path]: [1, 100],
      [library.path]: [1, 5_000],
      [e2e.path]: [1, 20_000],
      [unit.path]: [1, 9_000],
    });
    const order = sequencer.sort([blast, unit, library, e2e, bigUnit]);
    expect(names(order)).toEqual([
      'catalog/library.test.ts',
      'e2e/whole-run.test.ts',
      'core/policy/cli.test.ts',
      'scenarios-e2e/library/networking.test.ts',
      'e2e/blast-radius-prod.test.ts',
    ]);
  });
});
