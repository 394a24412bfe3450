// What ARM shows of a set of targets, read with as few requests as ARM allows: one listing of the subscription's
// groups for groups, one listing per group for top-level resources (with their tags), a GET only for what no listing
// shows (child and extension resources). The same reads confirm deletes.
import type { ArmResources } from '../../adapters/arm-resources';
import type { ParsedResourceId } from '../../adapters/resource-id';
import type { Sighting } from './ownership';

type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

/** A sighting per target id (lower case), or why ARM could not be asked. */
export type Sightings = Map<string, Sighting | { error: string }>;

/** Resource lists hold top-level resources only: ARM leaves out children (subnets) and extension resources. */
export function isListed(target: ParsedResourceId): boolean {
  return (
    target.kind === 'resource' &&
    target.depth === 1 &&
    (target.id.match(/\/providers\//gi) ?? []).length === 1
  );
}

const key = (id: string) => id.toLowerCase();
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function sight(
  arm: ArmResources,
  targets: readonly ParsedResourceId[],
  limit: Limit,
): Promise<Sightings> {
  const seen: Sightings = new Map();
  const groups = targets.filter((t) => t.kind === 'resourceGroup');
  const listed = targets.filter(isListed);
  const others = targets.filter((t) => t.kind === 'resource' && !isListed(t));

  const groupReads = groups.length
    ? arm.listResourceGroups().then(
        (all) => {
          const byId = new Map(all.map((g) => [key(g.id), g]));
          for (const g of groups) seen.set(key(g.id), byId.get(key(g.id)) ?? null);
        },
        (error: unknown) => {
          for (const g of groups) seen.set(key(g.id), { error: message(error) });
        },
      )
    : Promise.resolve();

  const byGroup = new Map<string, ParsedResourceId[]>();
  for (const t of listed) {
    const g = t.resourceGroup!.toLowerCase();
    if (byGroup.has(g)) byGroup.get(g)!.push(t);
    else byGroup.set(g, [t]);
  }
  const listings = [...byGroup.values()].map((inGroup) =>
    limit(async () => {
      try {
        const items = await arm.listResourcesInGroup(inGroup[0].resourceGroup!);
        const byId = new Map((items ?? []).map((r) => [key(r.id), r]));
        for (const t of inGroup) seen.set(key(t.id), byId.get(key(t.id)) ?? null);
      } catch (error) {
        for (const t of inGroup) seen.set(key(t.id), { error: message(error) });
      }
    }),
  );

  const gets = others.map((t) =>
    limit(async () => {
      try {
        const got = await arm.getById(t.id);
        seen.set(key(t.id), got.found ? got.resource : null);
      } catch (error) {
        seen.set(key(t.id), { error: message(error) });
      }
    }),
  );
  await Promise.all([groupReads, ...listings, ...gets]);
  return seen;
}

/** Ids (lower case) of the targets ARM still shows, or could not be asked about. */
export async function stillThere(
  arm: ArmResources,
  targets: readonly ParsedResourceId[],
  limit: Limit,
): Promise<Set<string>> {
  const seen = await sight(arm, targets, limit);
  return new Set([...seen].filter(([, s]) => s !== null).map(([id]) => id));
}
