import { AREAS, RUN_SIZES, selectScenarioIds, type SelectableScenario } from '../../../core/scenario';

// A library shaped like the real one: 10 areas x 5 scenarios, one disabled.
const library: SelectableScenario[] = AREAS.flatMap((area) =>
  [1, 2, 3, 4, 5].map((n) => ({ id: `${area}-0${n}-s`, area, enabled: !(area === 'compute' && n === 5) })),
);

describe('scenario selection', () => {
  it.each(Object.entries(RUN_SIZES))('picks %s = %i scenarios without duplicates', (size, count) => {
    const ids = selectScenarioIds(library, { size: size as keyof typeof RUN_SIZES, seed: 'run-1' });
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const a = selectScenarioIds(library, { size: 'medium', seed: 'seed-a' });
    expect(selectScenarioIds(library, { size: 'medium', seed: 'seed-a' })).toEqual(a);
    expect(selectScenarioIds(library, { size: 'medium', seed: 'seed-b' })).not.toEqual(a);
  });

  it('spreads a run across areas: small touches 5 areas, medium 10 areas at least once', () => {
    const areaOf = (id: string): string => library.find((s) => s.id === id)!.area;
    for (const seed of ['x', 'y', 'z']) {
      expect(new Set(selectScenarioIds(library, { size: 'small', seed }).map(areaOf)).size).toBe(5);
      const medium = selectScenarioIds(library, { size: 'medium', seed }).map(areaOf);
      expect(new Set(medium).size).toBe(10);
      const perArea = Object.values(
        medium.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }), {}),
      );
      expect(Math.max(...perArea)).toBeLessThanOrEqual(2);
    }
  });

  it('never picks a disabled scenario', () => {
    for (let i = 0; i < 20; i++)
      expect(selectScenarioIds(library, { size: 'large', seed: `s${i}` })).not.toContain('compute-05-s');
  });

  it('returns every enabled scenario when fewer exist than the size', () => {
    expect(selectScenarioIds(library.slice(0, 3), { size: 'small', seed: 'q' }).sort()).toEqual([
      'ai-ml-01-s',
      'ai-ml-02-s',
      'ai-ml-03-s',
    ]);
  });

  it('takes explicit ids as given, without duplicates', () => {
    expect(
      selectScenarioIds(library, { ids: ['networking-02-s', 'ai-ml-01-s', 'networking-02-s'], seed: 'q' }),
    ).toEqual(['networking-02-s', 'ai-ml-01-s']);
  });

  it('rejects unknown and disabled ids, naming each', () => {
    expect(() =>
      selectScenarioIds(library, { ids: ['ai-ml-01-s', 'nope-01-x', 'compute-05-s'], seed: 'q' }),
    ).toThrow(/unknown scenario id\(s\): nope-01-x; disabled scenario id\(s\): compute-05-s/);
  });
});
