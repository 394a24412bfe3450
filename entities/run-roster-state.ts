// The run roster's reducer: one entity per run listing its scenario ids, written once at selection (and for a
// scenario first named by an operation), so readers know which shards to read without the run entity holding n ids.
import type { RunRosterOperation, RunRosterState } from '../contract/run-shards';

export const initialRosterState = (): RunRosterState => ({ scenarioIds: [] });

export function applyRosterOperation(state: RunRosterState, op: RunRosterOperation): RunRosterState {
  const known = new Set(state.scenarioIds);
  const added = (op.type === 'selected' ? op.scenarioIds : [op.scenarioId]).filter((id) => !known.has(id));
  return added.length === 0 ? state : { scenarioIds: [...state.scenarioIds, ...added] };
}
