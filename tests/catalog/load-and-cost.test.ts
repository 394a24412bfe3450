import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { estimateRunCost, scenarioRunCostUsd } from '../../catalog/cost';
import { defaultScenariosDir, filterScenarios, loadCatalog } from '../../catalog/load';

const valid = readFileSync(path.join(__dirname, 'fixtures', 'lint', 'compute-90-valid.md'), 'utf8');

function variant(id: string, area: string, usd: number, enabled = true): string {
  return valid
    .replace('id: compute-90-valid', `id: ${id}`)
    .replace('area: compute', `area: ${area}`)
    .replace('estimatedUsdPerHour: 0.5', `estimatedUsdPerHour: ${usd}`)
    .replace('enabled: true', `enabled: ${enabled}`);
}

describe('catalog loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'haymaker-catalog-'));
    writeFileSync(path.join(dir, 'compute-01-a.md'), variant('compute-01-a', 'compute', 1));
    writeFileSync(path.join(dir, 'analytics-01-b.md'), variant('analytics-01-b', 'analytics', 0.5));
    writeFileSync(path.join(dir, 'analytics-02-c.md'), variant('analytics-02-c', 'analytics', 0.25, false));
    writeFileSync(path.join(dir, 'databases-01-broken.md'), '---\nid: databases-01-broken\narea: [\n---\n');
    writeFileSync(path.join(dir, 'SCENARIO_TEMPLATE.md'), valid);
    writeFileSync(path.join(dir, 'AUTHORING.md'), '# guide');
    writeFileSync(path.join(dir, 'README.md'), '# readme');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every good document, reports a malformed one with file and line, and skips the guides', () => {
    const catalog = loadCatalog({ dir });
    expect(catalog.scenarios.map((s) => s.id)).toEqual(['analytics-01-b', 'analytics-02-c', 'compute-01-a']);
    expect(catalog.documents).toHaveLength(4);
    expect(catalog.issues).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('databases-01-broken.md'),
        line: 3,
        rule: 'front-matter-invalid',
      }),
    ]);
  });

  it('filters by area and by enabled', () => {
    const { scenarios } = loadCatalog({ dir });
    expect(filterScenarios(scenarios, { area: 'analytics' }).map((s) => s.id)).toEqual([
      'analytics-01-b',
      'analytics-02-c',
    ]);
    expect(filterScenarios(scenarios, { area: 'analytics', enabled: true }).map((s) => s.id)).toEqual([
      'analytics-01-b',
    ]);
  });

  it('takes the folder from HAYMAKER_SCENARIOS_DIR, else finds the repository scenarios folder', () => {
    expect(defaultScenariosDir({ HAYMAKER_SCENARIOS_DIR: dir })).toBe(dir);
    expect(defaultScenariosDir({})).toBe(path.resolve(__dirname, '..', '..', 'scenarios'));
  });

  it('explains a missing folder', () => {
    expect(() => loadCatalog({ dir: path.join(dir, 'nope') })).toThrow(/HAYMAKER_SCENARIOS_DIR/);
  });

  it('estimates a run from hourly rates over deploy + operations window + cleanup', () => {
    const { scenarios } = loadCatalog({ dir });
    const a = scenarios.find((s) => s.id === 'compute-01-a')!;
    expect(scenarioRunCostUsd(a)).toBeCloseTo((1 * (5 + 480 + 5)) / 60, 6);
    const small = estimateRunCost(scenarios, 'small');
    // Only the two enabled scenarios count: 8.17 + 4.08 = 12.25 USD.
    expect(small).toEqual({ size: 'small', scenarios: 2, expectedUsd: 12.25, minUsd: 12.25, maxUsd: 12.25 });
  });
});

describe('catalog figures', () => {
  it('counts scenarios per area (all ten listed) and prices the three run sizes', () => {
    // Imported here so the build also emits dist/catalog/figures.js, the figures script.
    const { catalogFigures, formatFigures } =
      require('../../catalog/figures') as typeof import('../../catalog/figures');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'haymaker-figures-'));
    try {
      writeFileSync(path.join(dir, 'compute-01-a.md'), variant('compute-01-a', 'compute', 1));
      writeFileSync(path.join(dir, 'analytics-01-b.md'), variant('analytics-01-b', 'analytics', 0.5));
      const figures = catalogFigures(loadCatalog({ dir }).scenarios);
      expect(figures.perArea).toEqual(
        expect.objectContaining({ compute: 1, analytics: 1, 'ai-ml': 0, 'web-apps': 0 }),
      );
      expect(Object.keys(figures.perArea)).toHaveLength(10);
      expect(figures.costs.large).toEqual(expect.objectContaining({ scenarios: 2, expectedUsd: 12.25 }));
      expect(formatFigures(figures)).toMatch(/small\s+2 scenarios\s+expected \$12\.25/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
