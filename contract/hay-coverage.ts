// Expected operations (the scenario's declaration) against the operations its hay shows. Names compare without
// case, as ARM's do; the lists keep the declared spelling for expected and the observed one for observed.
import type { HayCoverage } from './hay';

export function hayCoverage(expected: readonly string[], observedNames: readonly string[]): HayCoverage {
  const key = (name: string) => name.toLowerCase();
  const observed = [...new Map(observedNames.map((n) => [key(n), n])).values()].sort();
  const seen = new Set(observed.map(key));
  const declared = new Set(expected.map(key));
  return {
    expected: [...expected].sort(),
    observed,
    missing: expected.filter((n) => !seen.has(key(n))).sort(),
    unexpected: observed.filter((n) => !declared.has(key(n))),
  };
}
