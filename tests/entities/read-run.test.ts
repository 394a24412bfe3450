// Reading a run: the record joined with the roster and the shards, and a run recorded before the ledger was
// sharded (its ledgers inside the run entity) read as it was.
import type { ScenarioLedger } from '../../contract/entities';
import { readRunRecord, readRunState, type EntityStateReader } from '../../entities/read-run';
import { summarizeRun } from '../../entities/run-state';
import { applyRunOperations } from '../../testkit/run-ledger-model';

const ledger = (status: ScenarioLedger['status'], created: string[] = []): ScenarioLedger => ({
  status,
  created,
  deleted: [],
  deletionFailed: [],
  forceDeleted: 0,
  errors: [],
});

function store(entries: Record<string, unknown>) {
  const reads: string[] = [];
  const read: EntityStateReader = async <T>(name: string, key: string) => {
    reads.push(`${name}@${key}`);
    return entries[`${name}@${key}`] as T | undefined;
  };
  return { read, reads };
}

describe('reading a run', () => {
  it('joins the record, the roster and each shard; a selected scenario without a shard is pending', async () => {
    const { scenarios, ...record } = applyRunOperations([
      { type: 'started', runId: 'r', startedAt: 'a', seed: 's' },
      { type: 'scenariosSelected', scenarioIds: ['a-1', 'b-2'], expiresAt: 'e' },
      { type: 'resourceEvent', scenarioId: 'a-1', resourceId: '/x', kind: 'created' },
    ]);
    const { read, reads } = store({
      'haymakerRun@r': record,
      'haymakerRunRoster@r': { scenarioIds: ['a-1', 'b-2'] },
      'haymakerRunScenario@r:a-1': scenarios['a-1'],
    });
    const run = await readRunState(read, 'r');
    expect(run?.scenarios).toEqual({ 'a-1': ledger('pending', ['/x']), 'b-2': ledger('pending') });
    expect(summarizeRun(run!)).toMatchObject({ total: 2, pending: 2, resourcesCreated: 1 });
    expect(reads.sort()).toEqual([
      'haymakerRun@r',
      'haymakerRunRoster@r',
      'haymakerRunScenario@r:a-1',
      'haymakerRunScenario@r:b-2',
    ]);
    // A list of runs reads the record alone.
    reads.length = 0;
    expect(await readRunRecord(read, 'r')).toEqual(record);
    expect(reads).toEqual(['haymakerRun@r']);
  });

  it('reads a run recorded before the ledger was sharded, totals recomputed from its ledgers', async () => {
    const legacy = {
      runId: 'old',
      phase: 'completed',
      errors: [],
      scenarios: { 'a-1': ledger('succeeded', ['/x', '/y']), 'b-2': ledger('failed') },
    };
    const { read } = store({ 'haymakerRun@old': legacy });
    const run = await readRunState(read, 'old');
    expect(run?.scenarios).toEqual(legacy.scenarios);
    const record = await readRunRecord(read, 'old');
    expect(record).not.toHaveProperty('scenarios');
    expect(summarizeRun(record!)).toMatchObject({ total: 2, succeeded: 1, failed: 1, resourcesCreated: 2 });
  });

  it('answers undefined for a run with no entity', async () => {
    expect(await readRunState(store({}).read, 'none')).toBeUndefined();
  });
});
