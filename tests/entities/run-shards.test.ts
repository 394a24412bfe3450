// The sharded run ledger: the run entity forwards scenario operations to one shard per scenario, keeps totals from
// their deltas, and ends only once nothing is in flight, so a reader that sees the end sees every ledger.
import type {
  RunEntityState,
  RunOperation,
  RunRecordState,
  ScenarioRunStatus,
} from '../../contract/entities';
import { applyRosterOperation, initialRosterState } from '../../entities/run-roster-state';
import { initialRunState, stepRun, summarizeRun } from '../../entities/run-state';
import { applyRunOperations } from '../../testkit/run-ledger-model';

const selected = (n: number): RunOperation[] => [
  { type: 'started', runId: 'r', startedAt: 'a', seed: 's' },
  { type: 'scenariosSelected', scenarioIds: Array.from({ length: n }, (_, i) => `s-${i}`), expiresAt: 'e' },
];

/** The counts recomputed from the ledgers, to hold the totals against. */
function countedFromLedgers(run: RunEntityState) {
  const ledgers = Object.values(run.scenarios);
  const count = (s: ScenarioRunStatus) => ledgers.filter((l) => l.status === s).length;
  return {
    total: ledgers.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    pending: count('pending'),
    running: ledgers.length - count('succeeded') - count('failed') - count('pending'),
    resourcesCreated: ledgers.reduce((n, l) => n + l.created.length, 0),
    resourcesDeleted: ledgers.reduce((n, l) => n + l.deleted.length, 0),
    resourcesDeletionFailed: ledgers.reduce((n, l) => n + l.deletionFailed.length, 0),
    forceDeleted: ledgers.reduce((n, l) => n + l.forceDeleted, 0),
  };
}

describe('sharded run ledger', () => {
  it('keeps totals equal to what the ledgers say, duplicates and late statuses included', () => {
    const res = (scenarioId: string, resourceId: string, kind: 'created' | 'deleted' | 'deletionFailed') =>
      ({ type: 'resourceEvent', scenarioId, resourceId, kind }) as const;
    const run = applyRunOperations([
      ...selected(4),
      { type: 'scenarioStatus', scenarioId: 's-0', status: 'deploying' },
      res('s-0', '/a', 'created'),
      res('s-0', '/A', 'created'),
      res('s-0', '/b', 'created'),
      res('s-0', '/b', 'deletionFailed'),
      res('s-0', '/b', 'deleted'),
      res('s-1', '/c', 'created'),
      res('s-1', '/c', 'deletionFailed'),
      { type: 'scenarioFinished', scenarioId: 's-1', status: 'failed', forceDeleted: 1, errors: ['x'] },
      { type: 'scenarioStatus', scenarioId: 's-1', status: 'operating' },
      { type: 'scenarioFinished', scenarioId: 's-2', status: 'succeeded', forceDeleted: 0, errors: [] },
      // Named by an agent event but never selected: it gets a ledger and counts, as it did unsharded.
      res('x-9', '/d', 'created'),
      { type: 'error', scenarioId: 's-3', message: 'boom' },
    ]);
    expect(Object.keys(run.scenarios)).toEqual(['s-0', 's-1', 's-2', 's-3', 'x-9']);
    expect(summarizeRun(run)).toEqual(countedFromLedgers(run));
    expect(summarizeRun(run)).toMatchObject({ total: 5, failed: 1, succeeded: 1, running: 1, pending: 2 });
    expect(run.inFlight).toBe(0);
  });

  it('holds an end until every forwarded operation is acknowledged, and forwards nothing after it', () => {
    let record: RunRecordState = initialRunState('r');
    for (const op of selected(0)) record = stepRun(record, op, 'r').state;
    const forwarded = stepRun(
      record,
      { type: 'scenarioStatus', scenarioId: 's-0', status: 'deploying' },
      'r',
    );
    expect(forwarded.signals).toHaveLength(1);
    record = forwarded.state;
    const end = { type: 'finished', status: 'completed', endedAt: 'z', cleanupVerified: true } as const;
    record = stepRun(record, end, 'r').state;
    expect(record).toMatchObject({ phase: 'running', inFlight: 1, pendingEnd: end });
    const late = stepRun(record, { type: 'scenarioStatus', scenarioId: 's-1', status: 'deploying' }, 'r');
    expect(late.signals).toEqual([]);
    expect(late.state).toBe(record);
    const delta = {
      added: true,
      to: 'deploying',
      created: 0,
      deleted: 0,
      deletionFailed: 0,
      forceDeleted: 0,
    } as const;
    record = stepRun(record, { type: 'scenarioApplied', scenarioId: 's-0', delta }, 'r').state;
    expect(record).toMatchObject({ phase: 'completed', endedAt: 'z', cleanupVerified: true, inFlight: 0 });
    expect(record.pendingEnd).toBeUndefined();
  });

  it('keeps the run entity the same size at 3 and at 3,000 scenarios', () => {
    const sizeAt = (n: number) => {
      const ops: RunOperation[] = [...selected(n)];
      for (let i = 0; i < n; i++) {
        ops.push({ type: 'scenarioStatus', scenarioId: `s-${i}`, status: 'operating' });
        ops.push({ type: 'resourceEvent', scenarioId: `s-${i}`, resourceId: `/r/${i}`, kind: 'created' });
      }
      const { scenarios, ...record } = applyRunOperations(ops);
      expect(Object.keys(scenarios)).toHaveLength(n);
      return JSON.stringify(record).length;
    };
    // Only the digits of the counts differ.
    expect(sizeAt(3000) - sizeAt(3)).toBeLessThanOrEqual(12);
  });

  it('lists each scenario once in the roster, in the order first named', () => {
    let roster = applyRosterOperation(initialRosterState(), { type: 'added', scenarioId: 'b' });
    roster = applyRosterOperation(roster, { type: 'selected', scenarioIds: ['a', 'b', 'c'] });
    const again = applyRosterOperation(roster, { type: 'added', scenarioId: 'c' });
    expect(again).toBe(roster);
    expect(roster.scenarioIds).toEqual(['b', 'a', 'c']);
  });
});
