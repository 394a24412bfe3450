// Deletes what a run left behind, with as few ARM requests as the rule allows and paced to ARM's buckets (the adapter
// waits on the `x-ms-ratelimit-remaining-*` headers, so it never meets a 429 in steady state):
// 1. resource groups that are the run's go whole, one DELETE each;
// 2. what is left outside them goes one DELETE each, children before parents (a subnet before its network).
// Each step reads what ARM shows of its targets (`force-delete/arm-reads.ts`: listings, not a GET per target), lets
// the ownership rule decide (`force-delete/ownership.ts`: only what lies in the run's own resource groups, never what
// merely carries its tags), then sends the
// deletes and confirms them together (`force-delete/delete-runner.ts`).
import pLimit from 'p-limit';
import { parseResourceId, type ParsedResourceId } from '../adapters/resource-id';
import type { ActivityHandler, ForceDeleteResult } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { sight, stillThere } from './force-delete/arm-reads';
import { deleteAndConfirm } from './force-delete/delete-runner';
import { decideOwnership, type Deletion } from './force-delete/ownership';
import { runResourceGroupIds } from './run-resource-groups';

type Deps = Pick<Dependencies, 'settings' | 'arm' | 'audit' | 'now' | 'sleep' | 'armConcurrency'>;

/** The id of the group a target lies in (or is), lower case. */
const groupKey = (t: ParsedResourceId) =>
  `/subscriptions/${t.subscriptionId}/resourcegroups/${t.resourceGroup}`.toLowerCase();

export function createForceDeleteResources(deps: Deps): ActivityHandler<'forceDeleteResources'> {
  return async ({ runId, resources }) => {
    const result: ForceDeleteResult = {
      deleted: [],
      alreadyGone: [],
      failed: [],
      skipped: [],
      inProgress: [],
    };
    const limit = pLimit(deps.armConcurrency ?? 8);
    const runner = {
      arm: deps.arm,
      now: deps.now,
      sleep: deps.sleep,
      limit,
      stillThere: (targets: readonly ParsedResourceId[]) => stillThere(deps.arm, targets, limit),
    };

    const runGroups = await runResourceGroupIds(deps.audit, runId);
    const targets = new Map<string, ParsedResourceId>();
    for (const r of resources) {
      try {
        const parsed = parseResourceId(r.id);
        if (parsed.subscriptionId.toLowerCase() !== deps.settings.subscriptionId.toLowerCase())
          result.skipped!.push({ id: r.id, reason: 'outside the configured subscription' });
        else targets.set(parsed.id.toLowerCase(), parsed);
      } catch (error) {
        result.skipped!.push({ id: r.id, reason: (error as Error).message });
      }
    }

    /** Reads, decides and deletes one batch; returns the ids now gone. */
    const step = async (batch: ParsedResourceId[]): Promise<string[]> => {
      if (batch.length === 0) return [];
      const seen = await sight(deps.arm, batch, limit);
      const decision = decideOwnership(runGroups, batch, (id) => {
        const s = seen.get(id.toLowerCase());
        if (s && 'error' in s) {
          result.failed.push({ id, error: s.error });
          return undefined;
        }
        return s;
      });
      const unreadable = new Set(result.failed.map((f) => f.id));
      result.skipped!.push(...decision.skipped.filter((s) => !unreadable.has(s.id)));
      result.alreadyGone.push(...decision.alreadyGone);
      const outcome = await deleteAndConfirm(runner, decision.deletions);
      result.deleted.push(...outcome.deleted.map((d) => d.target.id));
      result.alreadyGone.push(...outcome.alreadyGone);
      result.failed.push(...outcome.failed);
      result.inProgress!.push(...outcome.inProgress);
      await Promise.all(outcome.deleted.map((d) => record(d)));
      return [
        ...decision.alreadyGone,
        ...outcome.alreadyGone,
        ...outcome.deleted.map((d) => d.target.id),
        // A group still being deleted takes what is in it along: nothing there is deleted one by one.
        ...outcome.inProgress,
      ];
    };
    const record = ({ target, scenarioId }: Deletion) =>
      scenarioId
        ? deps.audit.recordResource({
            runId,
            scenarioId,
            resourceId: target.id,
            resourceType: target.fullType,
            name: target.name,
            mark: 'forceDeleted',
            at: deps.now().toISOString(),
          })
        : Promise.resolve();

    const all = [...targets.values()];
    const goneGroups = new Set(
      (await step(all.filter((t) => t.kind === 'resourceGroup'))).map((id) => groupKey(parseResourceId(id))),
    );

    // Resources inside a group that is now gone went with it: gone, without a request (or going, with the group).
    const groupsInProgress = new Set(result.inProgress!.map((id) => groupKey(parseResourceId(id))));
    const byDepth = new Map<number, ParsedResourceId[]>();
    for (const t of all.filter((r) => r.kind === 'resource')) {
      if (groupsInProgress.has(groupKey(t))) result.inProgress!.push(t.id);
      else if (goneGroups.has(groupKey(t))) result.alreadyGone.push(t.id);
      else if (byDepth.has(t.depth)) byDepth.get(t.depth)!.push(t);
      else byDepth.set(t.depth, [t]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) await step(byDepth.get(depth)!);
    return result;
  };
}
