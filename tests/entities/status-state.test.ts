import { applyStatusOperation, initialStatusState } from '../../entities/status-state';
import { type StatusOperation } from '../../contract/entities';

const apply = (ops: StatusOperation[]) => ops.reduce(applyStatusOperation, initialStatusState());

describe('status entity reducer', () => {
  it('moves the current run to last run when it finishes', () => {
    const state = apply([
      { type: 'nextScheduled', at: '2026-11-23T12:00:00.000Z' },
      { type: 'runStarted', runId: 'r1', startedAt: '2026-11-23T06:00:00.000Z', trigger: 'timer' },
      { type: 'runFinished', runId: 'r1', endedAt: '2026-11-23T14:30:00.000Z', status: 'completed' },
    ]);
    expect(state).toEqual({
      nextScheduledRun: '2026-11-23T12:00:00.000Z',
      lastRun: {
        runId: 'r1',
        startedAt: '2026-11-23T06:00:00.000Z',
        endedAt: '2026-11-23T14:30:00.000Z',
        status: 'completed',
      },
    });
  });

  it('keeps the newer current run when an older overlapping run finishes', () => {
    const state = apply([
      { type: 'runStarted', runId: 'r1', startedAt: '2026-11-23T06:00:00.000Z' },
      { type: 'runStarted', runId: 'r2', startedAt: '2026-11-23T12:00:00.000Z' },
      { type: 'runFinished', runId: 'r1', endedAt: '2026-11-23T14:30:00.000Z', status: 'completed' },
    ]);
    expect(state.currentRun?.runId).toBe('r2');
    expect(state.lastRun?.runId).toBe('r1');
  });

  it('ignores a replayed start of an older run and keeps the latest finish as last run', () => {
    const state = apply([
      { type: 'runStarted', runId: 'r2', startedAt: '2026-11-23T12:00:00.000Z' },
      { type: 'runStarted', runId: 'r1', startedAt: '2026-11-23T06:00:00.000Z' },
      { type: 'runFinished', runId: 'r2', endedAt: '2026-11-23T20:00:00.000Z', status: 'failed' },
      { type: 'runFinished', runId: 'r1', endedAt: '2026-11-23T14:00:00.000Z', status: 'completed' },
      { type: 'runStarted', runId: 'r2', startedAt: '2026-11-23T12:00:00.000Z' },
    ]);
    expect(state.currentRun).toBeUndefined();
    expect(state.lastRun).toMatchObject({ runId: 'r2', status: 'failed' });
  });
});
