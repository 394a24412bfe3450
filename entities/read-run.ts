// Reads a run as the API and the CLI show it: the run entity's record joined with the roster and every scenario's
// shard. The shards are read concurrently, a bounded number at a time, through whichever client the caller has
// (the SDK's durable client over HTTP, or the embedded host's in-process client).
import {
  RUN_ENTITY_NAME,
  type RunEntityState,
  type RunRecordState,
  type ScenarioLedger,
} from '../contract/entities';
import {
  RUN_ROSTER_ENTITY_NAME,
  RUN_SCENARIO_ENTITY_NAME,
  scenarioShardKey,
  type RunRosterState,
} from '../contract/run-shards';
import pLimit from 'p-limit';
import { emptyLedger, totalsOf } from './ledger';

/** Reads one entity's state; undefined when it does not exist. */
export type EntityStateReader = <T>(name: string, key: string) => Promise<T | undefined>;

/** How many shard reads are in flight at once: enough to hide a round-trip, few enough not to flood the host. */
const READ_CONCURRENCY = 32;

/** A run entity written before the ledger was sharded: its ledgers inside, no totals. */
type LegacyRunState = Omit<RunRecordState, 'totals' | 'inFlight'> & {
  scenarios: Record<string, ScenarioLedger>;
};

const isLegacy = (stored: RunRecordState | LegacyRunState): stored is LegacyRunState =>
  !('totals' in stored) && 'scenarios' in stored;

/** Either shape as a joined run: an older run reads as it did, its totals recomputed from its own ledgers. */
function fromLegacy(stored: LegacyRunState): RunEntityState {
  return { ...stored, totals: totalsOf(Object.values(stored.scenarios)), inFlight: 0 };
}

const readStored = (read: EntityStateReader, runId: string) =>
  read<RunRecordState | LegacyRunState>(RUN_ENTITY_NAME, runId);

/** The run entity's record alone (run-level fields and totals): what a list of runs needs. */
export async function readRunRecord(
  read: EntityStateReader,
  runId: string,
): Promise<RunRecordState | undefined> {
  const stored = await readStored(read, runId);
  if (!stored || !isLegacy(stored)) return stored;
  const { scenarios: _ledgers, ...record } = fromLegacy(stored);
  return record;
}

/** The record joined with every scenario's ledger; a selected scenario whose shard has no state yet is pending. */
export async function readRunState(
  read: EntityStateReader,
  runId: string,
): Promise<RunEntityState | undefined> {
  const [record, roster] = await Promise.all([
    readStored(read, runId),
    read<RunRosterState>(RUN_ROSTER_ENTITY_NAME, runId),
  ]);
  if (!record) return undefined;
  if (isLegacy(record)) return fromLegacy(record);
  const ids = roster?.scenarioIds ?? [];
  const limit = pLimit(READ_CONCURRENCY);
  const ledgers = await Promise.all(
    ids.map((id) =>
      limit(() => read<ScenarioLedger | null>(RUN_SCENARIO_ENTITY_NAME, scenarioShardKey(runId, id))),
    ),
  );
  const scenarios: Record<string, ScenarioLedger> = {};
  ids.forEach((id, i) => (scenarios[id] = ledgers[i] ?? emptyLedger()));
  return { ...record, scenarios };
}

/** A client that reads an entity by name and key (the embedded host's in-process client has this shape). */
export interface NamedEntityClient {
  readEntityState<T>(entity: {
    name: string;
    key: string;
  }): Promise<{ entityExists: boolean; entityState?: T }>;
}

export const readerOf =
  (client: NamedEntityClient): EntityStateReader =>
  async <T>(name: string, key: string) => {
    const state = await client.readEntityState<T>({ name, key });
    return state.entityExists && state.entityState ? state.entityState : undefined;
  };
