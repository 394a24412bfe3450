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
  /** How long a delete may stay in progress before it is reported as failed (default 30 minutes). */
  confirmTimeoutInMs?: number;
}

export interface RunnerOutcome {
  deleted: Deletion[];
  alreadyGone: string[];
  failed: { id: string; error: string }[];
}

interface Pending {
  deletion: Deletion;
  accepted: AcceptedDelete;
  /** When ARM said checking is worth it. */
  checkAt: number;
}

export async function deleteAndConfirm(
  deps: RunnerDeps,
  deletions: readonly Deletion[],
): Promise<RunnerOutcome> {
  const outcome: RunnerOutcome = { deleted: [], alreadyGone: [], failed: [] };
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
  const timeout = deps.confirmTimeoutInMs ?? 30 * 60_000;
  while (waiting.length > 0) {
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
          else if (clock() - started > timeout)
            outcome.failed.push({
              id: p.deletion.target.id,
              error: `still being deleted after ${Math.round(timeout / 60_000)} minutes; the janitor checks again later`,
            });
          else next.push({ ...p, checkAt: clock() + p.accepted.retryAfterMs });
        }),
      ),
    );
    waiting = next;
  }
  return outcome;
}
