// `haymaker start`'s exit code and summary: 0 only for a clean run whose every scenario succeeded, 4 for a run that
// completed clean with failed scenarios, 1 for anything worse.
import { outcomeOf } from '../../cli/commands/start';
import type { RunEntityState, ScenarioLedger } from '../../contract/entities';

const ledger = (status: ScenarioLedger['status']) => ({ status }) as ScenarioLedger;
const snapshot = (statuses: ScenarioLedger['status'][], cleanupVerified = true) => ({
  runId: 'r1',
  runtimeStatus: 'Completed',
  run: {
    runId: 'r1',
    phase: 'completed',
    scenarios: Object.fromEntries(statuses.map((s, i) => [`s${i}`, ledger(s)])),
    cleanupVerified,
    errors: [],
    totals: { byStatus: {}, created: 0, deleted: 0, deletionFailed: 0, forceDeleted: 0 },
    inFlight: 0,
  } as RunEntityState,
});

describe('haymaker start outcome', () => {
  it('exits 0 when every scenario succeeded and cleanup was verified', () => {
    const { code, result } = outcomeOf(snapshot(['succeeded', 'succeeded']), '/reports');
    expect(code).toBe(0);
    expect(result.scenarios).toEqual({ total: 2, succeeded: 2 });
  });

  it('exits 4 when the run completed clean but a scenario failed, and counts those that made their activity', () => {
    const { code, result } = outcomeOf(snapshot(['succeeded', 'failed', 'succeeded']), '/reports');
    expect(code).toBe(4);
    expect(result.scenarios).toEqual({ total: 3, succeeded: 2 });
  });

  it('exits 1 when cleanup was not verified, whatever the scenarios did', () => {
    expect(outcomeOf(snapshot(['succeeded'], false), '/reports').code).toBe(1);
    expect(outcomeOf({ runId: 'r1', runtimeStatus: 'Failed', failure: 'boom' }, '/reports').code).toBe(1);
  });
});
