// The library suites (tests/scenarios-e2e/library/, one file per area) together run every enabled scenario: one file
// per technology area, each area with its five scenarios, and observed-operations.json has exactly those fifty.
// Each area runs in a sandbox of its own; what one scenario's principal could do to another's groups is the
// blast-radius tests' question (tests/e2e/blast-radius-*.test.ts), not these.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { filterScenarios, loadCatalog } from '../../catalog/load';
import { readObservedOperations } from '../../catalog/operations/observed';
import { AREAS } from '../../core/scenario/schema';
import { SCENARIOS_PER_AREA } from './helpers/library-suite';
import { scenariosDir } from './helpers/run-scenario';

const enabled = filterScenarios(loadCatalog({ dir: scenariosDir }).scenarios, { enabled: true });

describe('the library suites', () => {
  it('has one suite per technology area', () => {
    const suites = readdirSync(join(__dirname, 'library'))
      .filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.js'))
      .map((f) => f.replace(/\.test\.[jt]s$/, ''))
      .sort();
    expect(suites).toEqual([...AREAS].sort());
  });

  it('covers every enabled scenario (50): each area has five', () => {
    expect(enabled).toHaveLength(AREAS.length * SCENARIOS_PER_AREA);
    for (const area of AREAS)
      expect([area, enabled.filter((s) => s.frontMatter.area === area).length]).toEqual([
        area,
        SCENARIOS_PER_AREA,
      ]);
  });

  it('has observed-operations.json record exactly the enabled scenarios', () => {
    const observed = readObservedOperations(scenariosDir);
    expect(observed).toBeDefined();
    expect(Object.keys(observed!.scenarios).sort()).toEqual(enabled.map((s) => s.id).sort());
  });
});
