// Runs a batch of deletes: sends every DELETE (the ARM adapter paces them to ARM's delete bucket), then, once the
// longest Retry-After has passed, confirms the whole batch with the listings of `arm-reads.ts` instead of polling each
// operation. Only what a listing still shows costs a request of its own: its operation is asked whether it failed.
import type { AcceptedDelete, ArmResources } from '../../adapters/arm-resources';
import type { ParsedResourceId } from '../../adapters/resource-id';
import type { Sleep } from '../../adapters/retry';
import type { Deletion } from './ownership';

type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export interface RunnerDeps {
  arm: ArmResources;
  now: () => Date;
  sleep: Sleep;
  limit: Limit;
  /** Which of these ARM still shows (lower-case ids). */
  stillThere: (targets: readonly ParsedResourceId[]) => Promise<Set<string>>;
  /**
   * How long this call waits for deletes to finish. A delete still running then is handed back as in progress (ARM
   * goes on with it) and checked again later on a durable timer, so no function call outlives host.json's timeout.
   */
  confirmTimeoutInMs?: number;
}

export interface RunnerOutcome {
  deleted: Deletion[];
  alreadyGone: string[];
  failed: { id: string; error: string }[];
  /** Accepted by ARM and still running when the confirmation budget ran out. */
  inProgress: string[];
}

interface Pending {
  deletion: Deletion;
  accepted: AcceptedDelete;
  /** When ARM said checking is worth it. */
  checkAt: number;
}

/** Well inside host.json's functionTimeout (10 minutes), with room for the sends and the reads. */
export const DEFAULT_CONFIRM_BUDGET_MS = 4 * 60_000;

export async function deleteAndConfirm(
  deps: RunnerDeps,
  deletions: readonly Deletion[],
): Promise<RunnerOutcome> {
  const outcome: RunnerOutcome = { deleted: [], alreadyGone: [], failed: [], inProgress: [] };
  const pending: Pending[] = [];
  const clock = () => deps.now().getTime();
  const started = clock();

  await Promise.all(
    deletions.map((deletion) =>
      deps.limit(async () => {
        const { target } = deletion;
        try {
          const first =
            target.kind === 'resourceGroup'
              ? await deps.arm.beginDeleteResourceGroup(target.name)
              : await deps.arm.beginDeleteById(target.id);
          if (first.state === 'deleted') outcome.deleted.push(deletion);
          else if (first.state === 'notFound') outcome.alreadyGone.push(target.id);
          else pending.push({ deletion, accepted: first, checkAt: clock() + first.retryAfterMs });
        } catch (error) {
          outcome.failed.push({ id: target.id, error: (error as Error).message });
        }
      }),
    ),
  );

  let waiting = pending;
  const timeout = deps.confirmTimeoutInMs ?? DEFAULT_CONFIRM_BUDGET_MS;
  while (waiting.length > 0) {
    // What ARM says to check only after the budget is handed back now: this call does not wait for it.
    const late = waiting.filter((p) => p.checkAt - started > timeout);
    outcome.inProgress.push(...late.map((p) => p.deletion.target.id));
    waiting = waiting.filter((p) => p.checkAt - started <= timeout);
    if (waiting.length === 0) break;
    const waitMs = waiting.reduce((latest, p) => Math.max(latest, p.checkAt), 0) - clock();
    if (waitMs > 0) await deps.sleep(waitMs);
    const present = await deps.stillThere(waiting.map((p) => p.deletion.target));
    const next: Pending[] = [];
    await Promise.all(
      waiting.map((p) =>
        deps.limit(async () => {
          if (!present.has(p.deletion.target.id.toLowerCase())) {
            outcome.deleted.push(p.deletion);
            return;
          }
          const state = await p.accepted.check();
          if (state === 'deleted') outcome.deleted.push(p.deletion);
          else if (state !== 'running')
            outcome.failed.push({ id: p.deletion.target.id, error: state.failed });
          else next.push({ ...p, checkAt: clock() + p.accepted.retryAfterMs });
        }),
      ),
    );
    waiting = next;
  }
  return outcome;
}
