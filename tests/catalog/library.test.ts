// The real library in scenarios/: every document must lint clean, and it must be the 10 x 5 the design asks for.
import { AREAS } from '../../core/scenario';
import { loadCatalog } from '../../catalog/load';
import { lintCatalog } from '../../catalog/lint';

describe('the scenario library', () => {
  const catalog = loadCatalog();

  it('lints clean: no error in any document', () => {
    const result = lintCatalog(catalog);
    const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line}: ${i.rule}: ${i.message}`);
    expect(errors).toEqual([]);
  });

  it('has every scenario in a known area with at most 5 per area', () => {
    const perArea = new Map<string, number>();
    for (const s of catalog.scenarios) perArea.set(s.frontMatter.area, (perArea.get(s.frontMatter.area) ?? 0) + 1);
    for (const [area, count] of perArea) {
      expect(AREAS).toContain(area);
      expect(count).toBeLessThanOrEqual(5);
    }
  });
});
