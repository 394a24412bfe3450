// Live progress of a run: a per-scenario phase table redrawn in place on a terminal, plain lines (one per change)
// when output is a pipe or a file, or JSON lines with --json. Fed either by the run entity (haymaker start, in
// process) or by the API's run detail (runs show --follow), both reduced to a ProgressView first.
import type { RunEntityState } from '../../contract/entities';

export interface ProgressSnapshot {
  runId: string;
  runtimeStatus: string;
  run?: RunEntityState;
}

export interface ProgressScenarioRow {
  id: string;
  status: string;
  created: number;
  deleted: number;
  forceDeleted: number;
  lastError?: string;
}

export interface ProgressView {
  runId: string;
  phase: string;
  scenarios: ProgressScenarioRow[];
}

export interface ProgressPrinter {
  update(snapshot: ProgressSnapshot): void;
  done(snapshot: ProgressSnapshot): void;
  /** Same as update, for a view built from the API. */
  updateView(view: ProgressView): void;
}

interface Output {
  write(text: string): boolean;
  isTTY?: boolean;
  /** Terminal width (a tty stream's `columns`); read at every redraw, so a resized terminal is honoured. */
  columns?: number;
}

/**
 * One physical terminal row per line: a line longer than the terminal wraps onto a second row, and the redraw, which
 * moves the cursor up one row per line it drew, then leaves the wrapped rows behind (garbled tables). Lines are
 * cut to the width instead, the last visible character replaced by an ellipsis.
 */
export function fitToWidth(line: string, columns: number | undefined): string {
  if (!columns || columns < 2) return line;
  const chars = Array.from(line);
  // One column spare: a line that fills the last column leaves some terminals in a pending wrap.
  const room = columns - 1;
  return chars.length <= room ? line : `${chars.slice(0, room - 1).join('')}…`;
}

export function viewOfSnapshot(snapshot: ProgressSnapshot): ProgressView {
  const run = snapshot.run;
  return {
    runId: snapshot.runId,
    phase: run?.phase ?? snapshot.runtimeStatus.toLowerCase(),
    scenarios: Object.entries(run?.scenarios ?? {}).map(([id, s]) => ({
      id,
      status: s.status,
      created: s.created.length,
      deleted: s.deleted.length,
      forceDeleted: s.forceDeleted,
      ...(s.errors.length ? { lastError: s.errors[s.errors.length - 1]! } : {}),
    })),
  };
}

function scenarioRow(s: ProgressScenarioRow): string {
  const counts = `created ${s.created}, deleted ${s.deleted}${s.forceDeleted ? `, force-deleted ${s.forceDeleted}` : ''}`;
  const error = s.lastError ? `  ! ${s.lastError.slice(0, 80)}` : '';
  return `  ${s.id.padEnd(44)} ${s.status.padEnd(18)} ${counts}${error}`;
}

const sorted = (view: ProgressView) => [...view.scenarios].sort((a, b) => a.id.localeCompare(b.id));

/** The table as lines: a header with the run phase, then one row per scenario. */
export function progressViewLines(view: ProgressView): string[] {
  const rows = sorted(view);
  const finished = rows.filter((s) => s.status === 'succeeded' || s.status === 'failed').length;
  const header = `run ${view.runId}  phase: ${view.phase}  scenarios: ${finished}/${rows.length} finished`;
  return [header, ...rows.map(scenarioRow)];
}

export function progressLines(snapshot: ProgressSnapshot): string[] {
  return progressViewLines(viewOfSnapshot(snapshot));
}

export function createProgressPrinter(out: Output, options: { json?: boolean } = {}): ProgressPrinter {
  let drawn = 0;
  let lastPlain = new Map<string, string>();
  const tty = !!out.isTTY && !options.json;

  const plain = (view: ProgressView) => {
    const now = new Map<string, string>();
    const lines = progressViewLines(view);
    now.set('run', lines[0]!.replace(/ {2}scenarios: .*$/, ''));
    for (const s of sorted(view)) now.set(s.id, scenarioRow(s));
    for (const [key, line] of now)
      if (lastPlain.get(key) !== line) out.write(`${key === 'run' ? line : line.trimStart()}\n`);
    lastPlain = now;
  };

  const show = (view: ProgressView) => {
    if (options.json) {
      const line = JSON.stringify({
        runId: view.runId,
        phase: view.phase,
        scenarios: Object.fromEntries(sorted(view).map((s) => [s.id, s.status])),
      });
      if (lastPlain.get('json') !== line) out.write(`${line}\n`);
      lastPlain.set('json', line);
      return;
    }
    if (!tty) return plain(view);
    const lines = progressViewLines(view).map((line) => fitToWidth(line, out.columns));
    // Move up over the previous table and clear it, then draw the new one.
    out.write(`${drawn ? `\x1b[${drawn}A` : ''}\x1b[0J${lines.join('\n')}\n`);
    drawn = lines.length;
  };

  return {
    update: (snapshot) => show(viewOfSnapshot(snapshot)),
    updateView: show,
    done(snapshot) {
      if (!options.json) show(viewOfSnapshot(snapshot));
    },
  };
}
