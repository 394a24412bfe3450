// Entity signals: the operation name travels apart from its input (the entity handler reads the name from the
// operation and the input from the payload), and the operation lists name every operation the reducers apply.
import {
  RUN_ENTITY_NAME,
  RUN_OPERATIONS,
  STATUS_ENTITY_KEY,
  STATUS_ENTITY_NAME,
  STATUS_OPERATIONS,
  runEntitySignal,
  statusEntitySignal,
} from '../../contract/entities';
import { applyRunOperation, initialRunView as initialRunState } from '../../testkit/run-ledger-model';

describe('entity signals', () => {
  it('addresses the run entity by run id and carries the operation without its type', () => {
    expect(runEntitySignal('run-1', { type: 'phaseChanged', phase: 'sweeping' })).toEqual({
      entity: { name: RUN_ENTITY_NAME, key: 'run-1' },
      operation: 'phaseChanged',
      input: { phase: 'sweeping' },
    });
  });

  it('addresses the one status entity', () => {
    expect(statusEntitySignal({ type: 'nextScheduled', at: '2026-01-01T06:00:00.000Z' })).toEqual({
      entity: { name: STATUS_ENTITY_NAME, key: STATUS_ENTITY_KEY },
      operation: 'nextScheduled',
      input: { at: '2026-01-01T06:00:00.000Z' },
    });
  });

  it('lists every operation once', () => {
    expect(new Set(RUN_OPERATIONS).size).toBe(RUN_OPERATIONS.length);
    expect(RUN_OPERATIONS).toHaveLength(11);
    expect([...STATUS_OPERATIONS].sort()).toEqual(['nextScheduled', 'runFinished', 'runStarted']);
  });

  it('round-trips a signal into the operation the reducer applies', () => {
    const signal = runEntitySignal('run-1', {
      type: 'started',
      runId: 'run-1',
      startedAt: '2026-01-01T00:00:00.000Z',
      seed: 's',
    });
    const op = { ...signal.input, type: signal.operation } as Parameters<typeof applyRunOperation>[1];
    expect(applyRunOperation(initialRunState('run-1'), op).phase).toBe('validating');
  });
});
