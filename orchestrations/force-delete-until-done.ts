// Force delete across as many function calls as ARM needs: one call sends the deletes and waits a bounded time for
// them; what ARM is still deleting then (a resource group can take half an hour) is checked again after a durable
// timer, by another call. So no single function call has to outlive host.json's functionTimeout, and the history
// grows by two events per check, not with the number of resources.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { ForceDeleteResult, TaggedResource } from '../contract/activities';
import { callActivity } from './call-activity';

export const DELETE_RECHECK_MINUTES = 5;
/** Twelve checks five minutes apart: an hour, longer than ARM takes for any group HayMaker's scenarios make. */
export const DELETE_RECHECK_ROUNDS = 12;

export function* forceDeleteUntilDone(
  context: OrchestrationContext,
  runId: string,
  resources: TaggedResource[],
): Generator<Task, ForceDeleteResult, any> {
  const first = yield* callActivity(context, 'forceDeleteResources', { runId, resources });
  const total: ForceDeleteResult = {
    deleted: [...first.deleted],
    alreadyGone: [...first.alreadyGone],
    failed: [...first.failed],
    skipped: [...(first.skipped ?? [])],
  };
  let pending = first.inProgress ?? [];
  for (let round = 0; pending.length > 0 && round < DELETE_RECHECK_ROUNDS; round++) {
    yield context.df.createTimer(
      new Date(context.df.currentUtcDateTime.getTime() + DELETE_RECHECK_MINUTES * 60_000),
    );
    const ids = new Set(pending.map((id) => id.toLowerCase()));
    const again = yield* callActivity(context, 'forceDeleteResources', {
      runId,
      resources: resources.filter((r) => ids.has(r.id.toLowerCase())),
    });
    total.deleted.push(...again.deleted);
    total.alreadyGone.push(...again.alreadyGone);
    total.failed.push(...again.failed);
    pending = again.inProgress ?? [];
  }
  total.failed.push(
    ...pending.map((id) => ({
      id,
      error: `still being deleted after ${(DELETE_RECHECK_MINUTES * DELETE_RECHECK_ROUNDS) / 60} hour(s); the janitor checks again later`,
    })),
  );
  return total;
}
