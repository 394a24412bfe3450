import { summarizeRun } from '../../entities/run-state';
import { type RunEntityState, type RunOperation } from '../../contract/entities';
import { applyRunOperation, initialRunView } from '../../testkit/run-ledger-model';

// The run entity with its scenario shards, every signal delivered (testkit/run-ledger-model.ts).
const apply = (ops: RunOperation[], state: RunEntityState = initialRunView('r')) =>
  ops.reduce((s, op) => applyRunOperation(s, op), state);

const startedRun = () =>
  apply([
    {
      type: 'started',
      runId: 'run-1',
      startedAt: '2026-11-23T06:00:00.000Z',
      trigger: 'timer',
      size: 'small',
      seed: 's',
    },
    { type: 'scenariosSelected', scenarioIds: ['a-01-x', 'b-01-y'], expiresAt: '2026-11-23T18:00:00.000Z' },
  ]);

describe('run entity reducer', () => {
  it('moves from pending through running to completed', () => {
    let state = startedRun();
    expect(state.phase).toBe('running');
    expect(Object.keys(state.scenarios)).toEqual(['a-01-x', 'b-01-y']);
    state = apply(
      [
        { type: 'scenarioStatus', scenarioId: 'a-01-x', status: 'deploying' },
        { type: 'scenarioFinished', scenarioId: 'a-01-x', status: 'succeeded', forceDeleted: 0, errors: [] },
        {
          type: 'scenarioFinished',
          scenarioId: 'b-01-y',
          status: 'failed',
          forceDeleted: 2,
          errors: ['deploy timed out'],
        },
        { type: 'phaseChanged', phase: 'sweeping' },
        { type: 'sweepCompleted', found: 1, deleted: 1, failed: 0 },
        { type: 'finished', status: 'completed', endedAt: '2026-11-23T15:00:00.000Z', cleanupVerified: true },
      ],
      state,
    );
    expect(state).toMatchObject({
      phase: 'completed',
      cleanupVerified: true,
      sweep: { found: 1, deleted: 1, failed: 0 },
    });
    expect(state.scenarios['b-01-y']).toMatchObject({
      status: 'failed',
      forceDeleted: 2,
      errors: ['deploy timed out'],
    });
    expect(summarizeRun(state)).toMatchObject({
      total: 2,
      succeeded: 1,
      failed: 1,
      running: 0,
      forceDeleted: 2,
    });
  });

  it('counts a resource once however often its event is delivered', () => {
    const created: RunOperation = {
      type: 'resourceEvent',
      scenarioId: 'a-01-x',
      resourceId: '/subscriptions/S/resourceGroups/RG',
      kind: 'created',
    };
    const state = apply(
      [created, created, { ...created, resourceId: '/subscriptions/s/resourcegroups/rg' }],
      startedRun(),
    );
    expect(summarizeRun(state).resourcesCreated).toBe(1);
  });

  it('clears a deletion failure once the resource is reported deleted', () => {
    const base = { type: 'resourceEvent', scenarioId: 'a-01-x', resourceId: '/x' } as const;
    const state = apply(
      [
        { ...base, kind: 'deletionFailed' },
        { ...base, kind: 'deleted' },
        { ...base, kind: 'deletionFailed' },
      ],
      startedRun(),
    );
    expect(state.scenarios['a-01-x']).toMatchObject({ deleted: ['/x'], deletionFailed: [] });
  });

  it('ignores status changes of a scenario that already finished', () => {
    const state = apply(
      [
        { type: 'scenarioFinished', scenarioId: 'a-01-x', status: 'succeeded', forceDeleted: 0, errors: [] },
        { type: 'scenarioStatus', scenarioId: 'a-01-x', status: 'operating' },
        {
          type: 'scenarioFinished',
          scenarioId: 'a-01-x',
          status: 'failed',
          forceDeleted: 9,
          errors: ['late'],
        },
      ],
      startedRun(),
    );
    expect(state.scenarios['a-01-x']).toMatchObject({ status: 'succeeded', forceDeleted: 0, errors: [] });
  });

  it('changes nothing after the run has finished or was terminated', () => {
    const finished = apply(
      [{ type: 'finished', status: 'failed', endedAt: 'e', cleanupVerified: false }],
      startedRun(),
    );
    const late: RunOperation[] = [
      { type: 'resourceEvent', scenarioId: 'a-01-x', resourceId: '/late', kind: 'created' },
      { type: 'phaseChanged', phase: 'running' },
      { type: 'error', message: 'late' },
      { type: 'terminated', endedAt: 'later' },
      { type: 'finished', status: 'completed', endedAt: 'x', cleanupVerified: true },
    ];
    expect(apply(late, finished)).toEqual(finished);
    const terminated = apply(
      [{ type: 'terminated', endedAt: 't', reason: 'operator terminated the run' }],
      startedRun(),
    );
    expect(terminated).toMatchObject({ phase: 'terminated', errors: ['operator terminated the run'] });
  });

  it('records a second start of the same run only once', () => {
    const once = startedRun();
    expect(
      applyRunOperation(once, { type: 'started', runId: 'run-1', startedAt: 'later', seed: 'other' }),
    ).toEqual(once);
  });

  it('keeps only the most recent errors', () => {
    let state = startedRun();
    for (let i = 0; i < 120; i++) state = applyRunOperation(state, { type: 'error', message: `e${i}` });
    expect(state.errors).toHaveLength(50);
    expect(state.errors.at(-1)).toBe('e119');
  });
});
