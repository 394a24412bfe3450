// Picks a run's scenarios: seeded (the same seed picks the same scenarios in every replay), no duplicates,
// spread across technology areas.
import { seededShuffle } from '../random';

export const RUN_SIZES = { small: 5, medium: 15, large: 30 } as const;
export type RunSize = keyof typeof RUN_SIZES;

/** What a scenario's front matter asks HayMaker to grant (core/authorization/scenario-grants.ts judges it). */
export interface ScenarioGrantNeeds {
  /** Built-in roles its principal holds at each of its resource groups. */
  roles: readonly string[];
  /** Roles its steps assign to identities they create, and to which principal types. */
  roleAssignments?: { roles: readonly string[]; principalTypes: readonly string[] } | undefined;
  /** Microsoft Graph application permissions its principal needs. */
  graphPermissions: readonly string[];
}

/** What a scenario's front matter asks HayMaker to grant, with its resource group names still to be filled in. */
export interface ScenarioGrantRequest extends ScenarioGrantNeeds {
  /** `haymaker-compute01-${HAYMAKER_RUN_SHORT}`: the run's short name goes in at selection. */
  resourceGroupTemplates: string[];
}

export interface SelectableScenario {
  id: string;
  area: string;
  enabled: boolean;
  grants?: ScenarioGrantRequest;
}

export interface SelectScenarioOptions {
  size?: RunSize;
  /** Explicit scenario ids; they override `size`. */
  ids?: readonly string[];
  seed: string;
}

/**
 * Explicit ids are validated (unknown or disabled ids → one error naming them all). Otherwise areas are
 * shuffled with the seed and scenarios taken round-robin across them, each area's own order shuffled too,
 * so a small run touches five different areas. Returns fewer than the size only when fewer are enabled.
 */
export function selectScenarioIds(
  available: readonly SelectableScenario[],
  options: SelectScenarioOptions,
): string[] {
  if (options.ids && options.ids.length > 0) return validateIds(available, options.ids);

  const size = options.size ?? 'small';
  const count = RUN_SIZES[size];
  if (count === undefined)
    throw new Error(`run size "${String(size)}" is unknown: use small (5), medium (15) or large (30)`);

  const byArea = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const s of [...available].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!s.enabled || seen.has(s.id)) continue;
    seen.add(s.id);
    byArea.set(s.area, [...(byArea.get(s.area) ?? []), s.id]);
  }
  const areas = seededShuffle([...byArea.keys()].sort(), `${options.seed}:areas`);
  const queues = areas.map((area) => seededShuffle(byArea.get(area)!, `${options.seed}:${area}`));

  const picked: string[] = [];
  for (let round = 0; picked.length < count; round++) {
    let tookAny = false;
    for (const queue of queues) {
      if (picked.length >= count) break;
      const id = queue[round];
      if (id !== undefined) {
        picked.push(id);
        tookAny = true;
      }
    }
    if (!tookAny) break;
  }
  return picked;
}

function validateIds(available: readonly SelectableScenario[], ids: readonly string[]): string[] {
  const byId = new Map(available.map((s) => [s.id, s]));
  const unique = [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0))];
  const unknown = unique.filter((id) => !byId.has(id));
  const disabled = unique.filter((id) => byId.get(id)?.enabled === false);
  const problems: string[] = [];
  if (unknown.length > 0) problems.push(`unknown scenario id(s): ${unknown.join(', ')}`);
  if (disabled.length > 0) problems.push(`disabled scenario id(s): ${disabled.join(', ')}`);
  if (problems.length > 0) {
    throw new Error(
      `cannot select the requested scenarios — ${problems.join('; ')}. Run "haymaker scenarios list" for the enabled ids.`,
    );
  }
  return unique;
}
