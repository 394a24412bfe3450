// One scenario's ledger: what its shard entity stores (scenario-shard-state.ts) and readers join into a run.
import type { RunTotals, ScenarioLedger } from '../contract/entities';

const MAX_ERRORS = 50;

export const emptyLedger = (): ScenarioLedger => ({
  status: 'pending',
  created: [],
  deleted: [],
  deletionFailed: [],
  forceDeleted: 0,
  errors: [],
});

export const addUnique = (list: string[], value: string): string[] =>
  list.includes(value) ? list : [...list, value];

export const appendError = (list: string[], message: string): string[] =>
  [...list, message].slice(-MAX_ERRORS);

/** Totals recomputed from ledgers (a run recorded before the ledger was sharded keeps its ledgers in the run entity). */
export function totalsOf(ledgers: readonly ScenarioLedger[]): RunTotals {
  const totals: RunTotals = { byStatus: {}, created: 0, deleted: 0, deletionFailed: 0, forceDeleted: 0 };
  for (const l of ledgers) {
    totals.byStatus[l.status] = (totals.byStatus[l.status] ?? 0) + 1;
    totals.created += l.created.length;
    totals.deleted += l.deleted.length;
    totals.deletionFailed += l.deletionFailed.length;
    totals.forceDeleted += l.forceDeleted;
  }
  return totals;
}
