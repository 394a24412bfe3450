// The signal lines the alerts parse: a fixed marker, then JSON with the run and scenario ids; and the alert queries in
// bicep/modules/alerts.bicep name only signals the app writes.
import fs from 'node:fs';
import path from 'node:path';
import { SIGNAL_NAMES, signalIn, signalLine } from '../../core/signals';

describe('signal lines', () => {
  it('carries the signal, run and scenario as JSON after the marker, behind any stamp', () => {
    const line = `instance=r1 replay=false time=2026-01-01T00:00:00.000Z ${signalLine({
      signal: 'cleanup_unverified',
      runId: 'r1',
      scenarioId: 'compute-01',
    })}`;
    expect(signalIn(line)).toEqual({ signal: 'cleanup_unverified', run_id: 'r1', scenario_id: 'compute-01' });
    expect(signalIn('an ordinary line')).toBeUndefined();
  });

  it('has an alert for every signal, and every alert query names a signal the app writes', () => {
    const bicep = fs.readFileSync(
      path.join(__dirname, '..', '..', 'bicep', 'modules', 'alerts.bicep'),
      'utf8',
    );
    const queried = [...bicep.matchAll(/\{ signal: '([a-z_]+)'|signal: '([a-z_]+)'\n/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect([...queried].sort()).toEqual([...SIGNAL_NAMES].sort());
  });
});
