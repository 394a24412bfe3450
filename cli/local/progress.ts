// Live progress of a run: a per-scenario phase table redrawn in place on a terminal, plain lines (one per change)
// when output is a pipe or a file, or JSON lines with --json.
import type { RunEntityState, ScenarioLedger } from '../../entities/run-state';

export interface ProgressSnapshot {
  runId: string;
  runtimeStatus: string;
  run?: RunEntityState;
}

export interface ProgressPrinter {
  update(snapshot: ProgressSnapshot): void;
  done(snapshot: ProgressSnapshot): void;
}

interface Output {
  write(text: string): boolean;
  isTTY?: boolean;
}

function scenarioRow(id: string, s: ScenarioLedger): string {
  const counts = `created ${s.created.length}, deleted ${s.deleted.length}${s.forceDeleted ? `, force-deleted ${s.forceDeleted}` : ''}`;
  const error = s.errors.length ? `  ! ${s.errors[s.errors.length - 1]!.slice(0, 80)}` : '';
  return `  ${id.padEnd(44)} ${s.status.padEnd(18)} ${counts}${error}`;
}

/** The table as lines: a header with the run phase, then one row per scenario. */
export function progressLines(snapshot: ProgressSnapshot): string[] {
  const run = snapshot.run;
  const phase = run?.phase ?? snapshot.runtimeStatus.toLowerCase();
  const scenarios = Object.entries(run?.scenarios ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const finished = scenarios.filter(([, s]) => s.status === 'succeeded' || s.status === 'failed').length;
  const header = `run ${snapshot.runId}  phase: ${phase}  scenarios: ${finished}/${scenarios.length} finished`;
  return [header, ...scenarios.map(([id, s]) => scenarioRow(id, s))];
}

export function createProgressPrinter(out: Output, options: { json?: boolean } = {}): ProgressPrinter {
  let drawn = 0;
  let lastPlain = new Map<string, string>();
  const tty = !!out.isTTY && !options.json;

  const plain = (snapshot: ProgressSnapshot) => {
    const now = new Map<string, string>();
    const lines = progressLines(snapshot);
    now.set('run', lines[0]!.replace(/ {2}scenarios: .*$/, ''));
    for (const [id, s] of Object.entries(snapshot.run?.scenarios ?? {})) now.set(id, scenarioRow(id, s));
    for (const [key, line] of now) if (lastPlain.get(key) !== line) out.write(`${key === 'run' ? line : line.trimStart()}\n`);
    lastPlain = now;
  };

  return {
    update(snapshot) {
      if (options.json) {
        const line = JSON.stringify({ runId: snapshot.runId, phase: snapshot.run?.phase, scenarios: Object.fromEntries(Object.entries(snapshot.run?.scenarios ?? {}).map(([k, v]) => [k, v.status])) });
        if (lastPlain.get('json') !== line) out.write(`${line}\n`);
        lastPlain.set('json', line);
        return;
      }
      if (!tty) return plain(snapshot);
      const lines = progressLines(snapshot);
      // Move up over the previous table and clear it, then draw the new one.
      out.write(`${drawn ? `\x1b[${drawn}A` : ''}\x1b[0J${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    done(snapshot) {
      if (!options.json) this.update(snapshot);
    },
  };
}
