// The run ledger's shards: one entity per scenario of a run holds that scenario's ledger, and one roster entity per
// run lists the scenario ids, so no entity's state grows with the run's size (an entity operation re-reads and
// re-writes its whole state). The run entity (contract/entities.ts) forwards scenario operations here and keeps
// totals from the deltas each shard sends back; readers join them in entities/read-run.ts.
import type { RunOperation } from './entities';

export const RUN_SCENARIO_ENTITY_NAME = 'haymakerRunScenario';
export const RUN_ROSTER_ENTITY_NAME = 'haymakerRunRoster';

/** The scenario shard's key: one per (run, scenario), like the scenario orchestration's instance id. */
export const scenarioShardKey = (runId: string, scenarioId: string): string => `${runId}:${scenarioId}`;

/** Run operations that touch one scenario's ledger, which the run entity forwards to that scenario's shard. */
export type ScenarioScopedOperation =
  | Extract<RunOperation, { type: 'scenarioStatus' | 'scenarioFinished' | 'resourceEvent' }>
  | { type: 'error'; message: string; scenarioId: string };

/** What a scenario shard applies: a forwarded operation, or `enlist` (the scenario was selected). Each names its run. */
export type ScenarioShardOperation =
  (ScenarioScopedOperation & { runId: string }) | { type: 'enlist'; runId: string; scenarioId: string };

const SHARD_OPERATION_SET: { readonly [T in ScenarioShardOperation['type']]: true } = {
  scenarioStatus: true,
  scenarioFinished: true,
  resourceEvent: true,
  error: true,
  enlist: true,
};
export const SCENARIO_SHARD_OPERATIONS = Object.keys(
  SHARD_OPERATION_SET,
) as readonly ScenarioShardOperation['type'][];

/** The roster: every scenario id of the run with a ledger (selected, or first named by an operation). */
export interface RunRosterState {
  scenarioIds: string[];
}

export type RunRosterOperation =
  { type: 'selected'; scenarioIds: string[] } | { type: 'added'; scenarioId: string };

const ROSTER_OPERATION_SET: { readonly [T in RunRosterOperation['type']]: true } = {
  selected: true,
  added: true,
};
export const RUN_ROSTER_OPERATIONS = Object.keys(
  ROSTER_OPERATION_SET,
) as readonly RunRosterOperation['type'][];
