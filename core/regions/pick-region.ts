// One region for each scenario of a run: drawn with the run's seed from the allowed regions the scenario supports,
// so a replayed or rewound run picks what it picked before. Pure.
import { seededRandom } from '../random';

export type RegionPick = { region: string } | { reason: string };

/**
 * `supported` undefined (no `regions` in the front matter) means any region. The draw is keyed by seed and scenario
 * id, so one scenario's region does not depend on which other scenarios the run selected.
 */
export function pickRegion(
  allowed: readonly string[],
  supported: readonly string[] | undefined,
  seed: string,
  scenarioId: string,
): RegionPick {
  const candidates = supported ? allowed.filter((r) => supported.includes(r)) : [...allowed];
  if (candidates.length === 0)
    return {
      reason: `its regions (${(supported ?? []).join(', ')}) are none of the allowed regions (${allowed.join(', ')}); allow one in HAYMAKER_REGIONS`,
    };
  const index = Math.floor(seededRandom(`${seed}\u0000region\u0000${scenarioId}`)() * candidates.length);
  return { region: candidates[index]! };
}

/** Scenarios per region, by region name. */
export function regionSpread(regions: readonly (string | undefined)[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of regions) if (r !== undefined) counts.set(r, (counts.get(r) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
