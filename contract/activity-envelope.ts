// What every HayMaker activity hands back to its orchestration: its value, or its error as a value.
//
// Why not throw: a thrown activity error becomes a TaskFailed event in the history, and a rewind re-runs every
// TaskFailed activity of the rewound instance — also the ones the orchestration had already handled and moved past
// (scenarios turn failures into outcomes and carry on). When such a re-run now succeeds, the replay takes another path
// than its history and the instance fails as non-deterministic. With errors as values, an Azure failure leaves no
// TaskFailed behind, and a rewind only resumes what really failed: the orchestrator.
import { errorText } from '../core/error-text';

export type ActivityEnvelope<T> = { ok: true; value: T } | { ok: false; error: string };

export async function envelope<T>(work: () => Promise<T>): Promise<ActivityEnvelope<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/** An activity that returns nothing answers `{ ok: true }`: JSON drops an undefined value. */
export function isActivityEnvelope(value: unknown): value is ActivityEnvelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: unknown };
  return ok === true || (ok === false && typeof error === 'string');
}
