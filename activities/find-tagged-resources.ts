// What a run (or one scenario of it) left in the subscription. Candidates: the resource groups the orchestrator
// created for it (the audit trail), what Resource Graph finds by the run's tags, and what the agent reported (the
// ledger; the graph index lags ARM). Each is confirmed by an ARM GET and counts only when it is the run's by the
// ownership rule (force-delete/ownership.ts): in one of those groups, or a group managed from one. Something that
// merely carries the run's tags elsewhere is not the run's, however it got them.
import pLimit from 'p-limit';
import { TAG_SCENARIO } from '../core/tags';
import { parseResourceId } from '../adapters/resource-id';
import type { ActivityHandler, TaggedResource } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { isRunOwned } from './force-delete/ownership';
import { runResourceGroupIds } from './run-resource-groups';

type Deps = Pick<Dependencies, 'settings' | 'arm' | 'resourceGraph' | 'audit' | 'armConcurrency'>;

export async function findConfirmedResources(
  deps: Deps,
  runId: string,
  scenarioId?: string,
): Promise<TaggedResource[]> {
  const [rows, groups, ledger, runGroups] = await Promise.all([
    deps.resourceGraph.findTagged('Resources', runId, scenarioId),
    deps.resourceGraph.findTagged('ResourceContainers', runId, scenarioId),
    deps.audit.listLedger(runId, scenarioId),
    // A scenario's verification looks at its own groups only: the run's other scenarios may still be running.
    runResourceGroupIds(deps.audit, runId, scenarioId),
  ]);
  const candidates = new Map<string, string>();
  for (const g of runGroups) candidates.set(g, g);
  for (const r of [...rows, ...groups]) candidates.set(r.id.toLowerCase(), r.id);
  for (const e of ledger) if (e.created) candidates.set(e.resourceId.toLowerCase(), e.resourceId);

  const limit = pLimit(deps.armConcurrency ?? 8);
  const confirmed = await Promise.all(
    [...candidates.values()].map((id) =>
      limit(async (): Promise<TaggedResource | undefined> => {
        let parsed;
        try {
          parsed = parseResourceId(id);
        } catch {
          return undefined; // Not a resource-group-scoped id: not something a scenario creates.
        }
        if (parsed.subscriptionId.toLowerCase() !== deps.settings.subscriptionId.toLowerCase())
          return undefined;
        if (!isRunOwned(id, undefined, runGroups) && parsed.kind !== 'resourceGroup') return undefined;
        let got: Awaited<ReturnType<Deps['arm']['getById']>>;
        try {
          got = await deps.arm.getById(id);
        } catch {
          // ARM cannot be asked about this one (e.g. a type its provider does not list). It lies in the run's groups, so
          // count it as left over: one odd type must not hide every other leftover, or the report.
          if (!isRunOwned(id, undefined, runGroups)) return undefined;
          return {
            id,
            type: parsed.fullType,
            name: parsed.name,
            ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
            ...(scenarioId ? { scenarioId } : {}),
            kind: parsed.kind,
          };
        }
        if (!got.found || !isRunOwned(id, got.resource, runGroups)) return undefined;
        return {
          id: got.resource.id || id,
          type: parsed.fullType,
          name: parsed.name,
          ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
          ...(got.resource.tags[TAG_SCENARIO] ? { scenarioId: got.resource.tags[TAG_SCENARIO] } : {}),
          kind: parsed.kind,
        };
      }),
    ),
  );
  return confirmed
    .filter((r): r is TaggedResource => r !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function createFindTaggedResources(deps: Deps): ActivityHandler<'findTaggedResources'> {
  return async ({ runId, scenarioId }) => ({
    resources: await findConfirmedResources(deps, runId, scenarioId),
  });
}
