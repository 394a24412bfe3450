// The real library in scenarios/: every document must lint clean, and it must be the 10 x 5 the design asks for.
import { AREAS, selectScenarioIds } from '../../core/scenario';
import { loadCatalog } from '../../catalog/load';
import { lintCatalog } from '../../catalog/lint';
import { readObservedOperations } from '../../catalog/operations/observed';
import { loadBashParser } from '../../core/shell';

beforeAll(() => loadBashParser());

describe('the scenario library', () => {
  const catalog = loadCatalog();

  it('lints clean: no error in any document', () => {
    const result = lintCatalog(catalog);
    const errors = result.issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.file}:${i.line}: ${i.rule}: ${i.message}`);
    expect(errors).toEqual([]);
  });

  // The operation rules judge only folders with an observation file: the library must keep its own.
  it('records a sandbox run of every enabled scenario, and each one that ran declares its operations', () => {
    const observed = readObservedOperations(catalog.dir);
    expect(observed).toBeDefined();
    const enabled = catalog.scenarios.filter((s) => s.frontMatter.enabled);
    expect(Object.keys(observed!.scenarios).sort()).toEqual(enabled.map((s) => s.id).sort());
    const ran = enabled.filter((s) => 'operations' in observed!.scenarios[s.id]!);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.filter((s) => s.frontMatter.operations.length === 0).map((s) => s.id)).toEqual([]);
  });

  it('holds 50 documents, 5 in each of the 10 areas, every one parsed', () => {
    const perArea = Object.fromEntries(AREAS.map((a) => [a, 0]));
    for (const s of catalog.scenarios) perArea[s.frontMatter.area] = (perArea[s.frontMatter.area] ?? 0) + 1;
    expect(perArea).toEqual(Object.fromEntries(AREAS.map((a) => [a, 5])));
    expect(catalog.documents).toHaveLength(50);
  });

  it('selects a large run of 30 distinct enabled scenarios from it', () => {
    const ids = selectScenarioIds(
      catalog.scenarios.map((s) => ({ id: s.id, area: s.frontMatter.area, enabled: s.frontMatter.enabled })),
      { size: 'large', seed: 'library' },
    );
    expect(new Set(ids).size).toBe(30);
  });
});
