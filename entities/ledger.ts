// One scenario's ledger: what its shard entity stores (scenario-shard-state.ts) and readers join into a run.
import type { ScenarioLedger } from '../contract/entities';

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
