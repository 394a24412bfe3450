// Deletes what a run left behind. Resource groups go first (one call removes everything inside), then the
// remaining resources deepest first (a subnet before its virtual network). Every target is re-read first and
// deleted only if its tags still name this run and it lives in the configured subscription: decoys are never touched.
import pLimit from 'p-limit';
import { isTaggedForRun, TAG_SCENARIO } from '../core/tags';
import { parseResourceId, type ParsedResourceId } from '../adapters/resource-id';
import type { ActivityHandler, ForceDeleteResult } from '../contract/activities';
import type { Dependencies } from './dependencies';

type Deps = Pick<Dependencies, 'settings' | 'arm' | 'audit' | 'now' | 'armConcurrency'>;

const within = (id: string, groupId: string) => id.toLowerCase().startsWith(`${groupId.toLowerCase()}/`);

export function createForceDeleteResources(deps: Deps): ActivityHandler<'forceDeleteResources'> {
  return async ({ runId, resources }) => {
    const result: ForceDeleteResult = { deleted: [], alreadyGone: [], failed: [], skipped: [] };
    const limit = pLimit(deps.armConcurrency ?? 8);
    const targets: ParsedResourceId[] = [];
    for (const r of resources) {
      try {
        const parsed = parseResourceId(r.id);
        if (parsed.subscriptionId.toLowerCase() !== deps.settings.subscriptionId.toLowerCase()) {
          result.skipped!.push({ id: r.id, reason: 'outside the configured subscription' });
        } else targets.push(parsed);
      } catch (error) {
        result.skipped!.push({ id: r.id, reason: (error as Error).message });
      }
    }
    const unique = [...new Map(targets.map((t) => [t.id.toLowerCase(), t])).values()];

    const deleteOne = (target: ParsedResourceId) =>
      limit(async () => {
        try {
          const current = await deps.arm.getById(target.id);
          if (!current.found) {
            result.alreadyGone.push(target.id);
            return;
          }
          if (!isTaggedForRun(current.resource.tags, runId)) {
            result.skipped!.push({ id: target.id, reason: `its tags do not name run ${runId}` });
            return;
          }
          const outcome = await deps.arm.deleteById(target.id);
          (outcome === 'deleted' ? result.deleted : result.alreadyGone).push(target.id);
          const scenarioId = current.resource.tags[TAG_SCENARIO];
          if (outcome === 'deleted' && scenarioId) {
            await deps.audit.recordResource({
              runId,
              scenarioId,
              resourceId: target.id,
              resourceType: target.fullType,
              name: target.name,
              mark: 'forceDeleted',
              at: deps.now().toISOString(),
            });
          }
        } catch (error) {
          result.failed.push({ id: target.id, error: (error as Error).message });
        }
      });

    const groups = unique.filter((t) => t.kind === 'resourceGroup');
    await Promise.all(groups.map(deleteOne));
    const deletedGroups = groups
      .filter((g) => result.deleted.includes(g.id) || result.alreadyGone.includes(g.id))
      .map((g) => g.id);

    // Resources inside a group that is now gone went with it; confirm them as gone without a delete call.
    const rest = unique.filter((t) => t.kind === 'resource');
    const byDepth = new Map<number, ParsedResourceId[]>();
    for (const t of rest) {
      if (deletedGroups.some((g) => within(t.id, g))) {
        result.alreadyGone.push(t.id);
        continue;
      }
      byDepth.set(t.depth, [...(byDepth.get(t.depth) ?? []), t]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) {
      await Promise.all(byDepth.get(depth)!.map(deleteOne));
    }
    return result;
  };
}
