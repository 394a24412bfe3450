// Whether a resource is a run's to delete. Only two things make it so: it lies in one of the resource groups the
// orchestrator created for the run (their ids come from the audit trail, never from tags), or it is a resource group
// that a resource provider created on behalf of something in them (`managedBy` points into a run group, as an AKS
// node resource group's does). A tag alone never does: anyone who can write a resource can tag it with a run's tags.
import type { ArmResourceInfo } from '../adapters/arm-resources';

export type Ownership =
  | { owned: true; why: 'inRunGroup' | 'runGroup' | 'managedByRunResource' }
  | { owned: false; reason: string };

const within = (id: string, groupId: string) => {
  const a = id.toLowerCase();
  return a === groupId || a.startsWith(`${groupId}/`);
};

/** `runGroups`: lower-cased ids of the run's own resource groups. */
export function ownershipOf(
  id: string,
  current: Pick<ArmResourceInfo, 'managedBy'> | undefined,
  runGroups: ReadonlySet<string>,
): Ownership {
  for (const group of runGroups) {
    if (id.toLowerCase() === group) return { owned: true, why: 'runGroup' };
    if (within(id, group)) return { owned: true, why: 'inRunGroup' };
  }
  const managedBy = current?.managedBy;
  if (managedBy && [...runGroups].some((g) => within(managedBy, g)))
    return { owned: true, why: 'managedByRunResource' };
  return {
    owned: false,
    reason:
      "not in a resource group HayMaker created for this run (a tag alone never makes a resource HayMaker's)",
  };
}
