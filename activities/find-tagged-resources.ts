// What a run (or one scenario of it) left in the subscription. Resource Graph finds candidates; its index lags
// ARM, so the agent-reported ledger adds what the index has not seen yet, and every candidate is confirmed by an
// ARM GET whose tags must still name this run.
import pLimit from 'p-limit';
import { isTaggedForRun, TAG_SCENARIO } from '../core/tags';
import { parseResourceId } from '../adapters/resource-id';
import type { ActivityHandler, TaggedResource } from '../contract/activities';
import type { Dependencies } from './dependencies';

type Deps = Pick<Dependencies, 'settings' | 'arm' | 'resourceGraph' | 'audit' | 'armConcurrency'>;

export async function findConfirmedResources(
  deps: Deps,
  runId: string,
  scenarioId?: string,
): Promise<TaggedResource[]> {
  const [rows, groups, ledger] = await Promise.all([
    deps.resourceGraph.findTagged('Resources', runId, scenarioId),
    deps.resourceGraph.findTagged('ResourceContainers', runId, scenarioId),
    deps.audit.listLedger(runId, scenarioId),
  ]);
  const candidates = new Map<string, string>();
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
        let got: Awaited<ReturnType<Deps['arm']['getById']>>;
        try {
          got = await deps.arm.getById(id);
        } catch {
          // ARM cannot be asked about this one (e.g. a type its provider does not list). The index or the ledger named it
          // for this run, so count it as left over: one odd type must not hide every other leftover, or the report.
          return {
            id,
            type: parsed.fullType,
            name: parsed.name,
            ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
            ...(scenarioId ? { scenarioId } : {}),
            kind: parsed.kind,
          };
        }
        if (!got.found || !isTaggedForRun(got.resource.tags, runId, scenarioId)) return undefined;
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
