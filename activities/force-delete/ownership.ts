// Which of a run's leftovers may be deleted, from what ARM shows of them. Pure: the reads happen before
// (`arm-reads.ts`), the deletes after (`delete-runner.ts`), so the rule can change without touching either.
// Today's rule: a target is the run's when its tags name the run; a resource group that is the run's goes whole,
// everything in it with it.
import { isTaggedForRun, TAG_SCENARIO } from '../../core/tags';
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

export function decideOwnership(
  runId: string,
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
    } else if (!isTaggedForRun(item.tags, runId)) {
      decision.skipped.push({ id: target.id, reason: `its tags do not name run ${runId}` });
    } else {
      const scenarioId = item.tags[TAG_SCENARIO];
      decision.deletions.push({ target, ...(scenarioId ? { scenarioId } : {}) });
    }
  }
  return decision;
}
