// Which of a run's leftovers may be deleted, from what ARM shows of them. Pure: the reads happen before
// (`arm-reads.ts`), the deletes after (`delete-runner.ts`), so the rule can change without touching either.
//
// The rule: a target is the run's when it lies in one of the resource groups the orchestrator created for the run
// (their ids come from the audit trail, `run-resource-groups.ts`), or when it is a resource group that a resource
// provider made for something in them (its `managedBy` points into a run group, as an AKS node resource group's
// does). A tag alone never makes anything the run's: anyone who can write a resource can give it a run's tags, and the
// orchestrator deletes with rights far beyond the scenario's. A resource group that is the run's goes whole.
import { TAG_SCENARIO } from '../../core/tags';
import type { ArmResourceInfo } from '../../adapters/arm-resources';
import type { ParsedResourceId } from '../../adapters/resource-id';

/** What ARM showed of a target: the item with its tags, or null when it is not there. */
export type Sighting = ArmResourceInfo | null;

export interface Deletion {
  target: ParsedResourceId;
  /** The scenario the item's tags name, for the ledger. */
  scenarioId?: string;
}

export interface OwnershipDecision {
  deletions: Deletion[];
  alreadyGone: string[];
  skipped: { id: string; reason: string }[];
}

export const NOT_THE_RUNS =
  "not in a resource group HayMaker created for this run (a tag alone never makes a resource HayMaker's)";

const within = (id: string, groupId: string) => {
  const lower = id.toLowerCase();
  return lower === groupId || lower.startsWith(`${groupId}/`);
};

/** True when `id` is one of `runGroups` (lower-cased ids), lies in one, or is a group managed from one. */
export function isRunOwned(
  id: string,
  item: Pick<ArmResourceInfo, 'managedBy'> | undefined,
  runGroups: ReadonlySet<string>,
): boolean {
  for (const group of runGroups) if (within(id, group)) return true;
  const managedBy = item?.managedBy;
  return managedBy !== undefined && [...runGroups].some((g) => within(managedBy, g));
}

export function decideOwnership(
  runGroups: ReadonlySet<string>,
  targets: readonly ParsedResourceId[],
  seen: (id: string) => Sighting | undefined,
): OwnershipDecision {
  const decision: OwnershipDecision = { deletions: [], alreadyGone: [], skipped: [] };
  for (const target of targets) {
    const item = seen(target.id);
    if (item === undefined) {
      decision.skipped.push({ id: target.id, reason: 'ARM could not be asked about it' });
    } else if (item === null) {
      decision.alreadyGone.push(target.id);
    } else if (!isRunOwned(target.id, item, runGroups)) {
      decision.skipped.push({ id: target.id, reason: NOT_THE_RUNS });
    } else {
      const scenarioId = item.tags[TAG_SCENARIO];
      decision.deletions.push({ target, ...(scenarioId ? { scenarioId } : {}) });
    }
  }
  return decision;
}
