// The live progress printer: redrawn in place on a terminal, one plain line per change otherwise, JSON lines with
// --json; fed by the run entity (haymaker start) or by the API's run detail (runs show --follow) alike.
import { applyRunOperation, initialRunView as initialRunState } from '../../testkit/run-ledger-model';
import type { RunEntityState } from '../../contract/entities';
import {
  createProgressPrinter,
  fitToWidth,
  progressLines,
  type ProgressSnapshot,
} from '../../cli/local/progress';
import { viewOfRunDetail } from '../../cli/commands/runs';
import { runDetail } from '../../triggers/http/run-view';

function output(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: { isTTY, write: (t: string) => (chunks.push(t), true) }, chunks };
}

function runAt(statuses: Record<string, 'deploying' | 'operating'>): RunEntityState {
  let s = applyRunOperation(initialRunState('r1'), {
    type: 'started',
    runId: 'r1',
    startedAt: '2026-01-01T00:00:00Z',
    seed: 's',
  });
  s = applyRunOperation(s, {
    type: 'scenariosSelected',
    scenarioIds: Object.keys(statuses),
    expiresAt: '2026-01-01T12:00:00Z',
  });
  for (const [id, status] of Object.entries(statuses))
    s = applyRunOperation(s, { type: 'scenarioStatus', scenarioId: id, status });
  return s;
}

const snap = (run: RunEntityState): ProgressSnapshot => ({ runId: 'r1', runtimeStatus: 'Running', run });

describe('progress printer', () => {
  it('redraws the table in place on a terminal', () => {
    const { out, chunks } = output(true);
    const p = createProgressPrinter(out);
    p.update(snap(runAt({ 'a-01': 'deploying', 'b-01': 'deploying' })));
    p.update(snap(runAt({ 'a-01': 'operating', 'b-01': 'deploying' })));
    expect(chunks[0]!.startsWith('\x1b[0J')).toBe(true);
    expect(chunks[1]!.startsWith('\x1b[3A\x1b[0J')).toBe(true);
    expect(chunks[1]).toMatch(/a-01\s+operating/);
  });

  it('writes only the changed rows as plain lines when output is not a terminal', () => {
    const { out, chunks } = output(false);
    const p = createProgressPrinter(out);
    p.update(snap(runAt({ 'a-01': 'deploying', 'b-01': 'deploying' })));
    const first = chunks.length;
    p.update(snap(runAt({ 'a-01': 'operating', 'b-01': 'deploying' })));
    expect(chunks.slice(first)).toEqual([expect.stringMatching(/^a-01\s+operating/)]);
    expect(chunks.join('')).not.toContain('\x1b[');
  });

  it('renders the API run detail the same way as the run entity it came from', () => {
    const run = runAt({ 'a-01': 'operating', 'b-01': 'deploying' });
    const fromApi = viewOfRunDetail(runDetail('r1', undefined, run, 'http://x/api/v1/runs/r1'));
    const { out, chunks } = output(false);
    createProgressPrinter(out).updateView(fromApi);
    const { out: out2, chunks: chunks2 } = output(false);
    createProgressPrinter(out2).update(snap(run));
    expect(chunks).toEqual(chunks2);
    expect(progressLines(snap(run))[0]).toBe('run r1  phase: running  scenarios: 0/2 finished');
  });

  it('prints one JSON line per change with --json', () => {
    const { out, chunks } = output(true);
    const p = createProgressPrinter(out, { json: true });
    p.update(snap(runAt({ 'a-01': 'deploying' })));
    p.update(snap(runAt({ 'a-01': 'deploying' })));
    expect(chunks).toHaveLength(1);
    expect(JSON.parse(chunks[0]!)).toEqual({
      runId: 'r1',
      phase: 'running',
      scenarios: { 'a-01': 'deploying' },
    });
  });

  it('fits every redrawn row to the terminal width, so moving up one row per line clears the whole table', () => {
    const chunks: string[] = [];
    const out = { isTTY: true, columns: 40, write: (t: string) => (chunks.push(t), true) };
    const p = createProgressPrinter(out);
    const long = 'networking-04-application-gateway-with-a-very-long-name';
    p.update(snap(runAt({ [long]: 'deploying', 'b-01': 'deploying' })));
    p.update(snap(runAt({ [long]: 'operating', 'b-01': 'deploying' })));
    const drawn = chunks[1]!
      .replace(/^\x1b\[\d+A\x1b\[0J/, '')
      .split('\n')
      .slice(0, -1);
    // Three rows drawn (header + 2 scenarios), none wider than the terminal: the next redraw moves up exactly 3.
    expect(chunks[1]!.startsWith('\x1b[3A\x1b[0J')).toBe(true);
    expect(drawn).toHaveLength(3);
    for (const row of drawn) expect(Array.from(row).length).toBeLessThan(40);
    expect(drawn.some((row) => row.endsWith('…'))).toBe(true);
  });

  it('cuts a line to one column less than the width, by characters, and leaves it whole when it fits', () => {
    expect(fitToWidth('abcdef', 5)).toBe('abc…');
    expect(fitToWidth('abcd', 5)).toBe('abcd');
    expect(fitToWidth('héllo wörld', 8)).toBe('héllo …');
    expect(fitToWidth('anything', undefined)).toBe('anything');
  });
});
