// What `haymaker start` prints. Two shapes: `--json`, a stream of JSON lines on stdout (progress, then the result)
// for scripts and tests that follow a run as it goes; otherwise messages and live progress on stderr and only the
// result on stdout, in the format -o asks for (the command's own text by default).
import type { OutputOptions } from '../output/options';
import { writeResult } from '../output/write';
import type { ChosenRun, RunSnapshot } from './local-run';
import { createProgressPrinter } from './progress';

export interface StartResult {
  runId: string;
  status: string;
  cleanupVerified: boolean;
  /** Scenarios of the run, and how many succeeded (produced their activity and cleaned up). */
  scenarios?: { total: number; succeeded: number };
  report?: { jsonPath: string; htmlPath: string };
  error?: string;
}

export interface StartOutput {
  /** A message for the person at the terminal (never data). */
  say(message: string): void;
  chosen(run: ChosenRun, detail: { api: string; dataDir: string; timeScale: number; what: string }): void;
  progress(snapshot: RunSnapshot): void;
  progressDone(snapshot: RunSnapshot): void;
  result(result: StartResult): void;
}

export function createStartOutput(options: OutputOptions & { jsonLines?: boolean }): StartOutput {
  const jsonLines = !!options.jsonLines;
  const line = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  const say = (message: string) => {
    if (!jsonLines) process.stderr.write(`${message}\n`);
  };
  const printer = createProgressPrinter(jsonLines ? process.stdout : process.stderr, { json: jsonLines });
  return {
    say,
    chosen(run, detail) {
      if (run.kind === 'rewound') {
        say(`Rewound the failed run ${run.runId}; it resumes where it failed.`);
        if (jsonLines) line({ rewound: run.runId });
      } else if (run.kind === 'resumed') {
        say(`Resuming the unfinished run ${run.runId} from ${detail.dataDir} (use --new to start another).`);
        if (jsonLines) line({ resumed: run.runId });
      } else say(`Started run ${run.runId} (${detail.what}, time x${detail.timeScale}).`);
      say(`API: ${detail.api}/status    task hub, sandbox state and reports: ${detail.dataDir}`);
      if (jsonLines) line({ run: run.runId, api: detail.api });
    },
    progress: (snapshot) => printer.update(snapshot),
    progressDone: (snapshot) => printer.done(snapshot),
    result(result) {
      if (jsonLines) return line(result);
      writeResult(result, options, { text: resultText });
    },
  };
}

function resultText(r: StartResult): string {
  if (r.error !== undefined)
    return (
      `Run ${r.runId} FAILED: ${r.error}\n` +
      `Once the cause is fixed: \`haymaker start --rewind ${r.runId}\` resumes it; otherwise the janitor removes what it left.\n`
    );
  return (
    `Run ${r.runId} ${r.status}; ` +
    (r.scenarios
      ? `${r.scenarios.succeeded} of ${r.scenarios.total} scenarios produced their activity; `
      : '') +
    `cleanup ${r.cleanupVerified ? 'verified: nothing left behind' : 'NOT verified'}.\n` +
    (r.report ? `Report: ${r.report.htmlPath}\n` : '')
  );
}
