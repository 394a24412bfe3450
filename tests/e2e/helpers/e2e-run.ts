// The setup every end-to-end suite shares: a temporary data dir, a run id, a witness that watches the sandbox state
// while the run lives, `haymaker start` with the quick-run arguments, and the run's report read back afterwards.
// A suite states only what is particular to it (scenarios, faults, settings, what happens during the run).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../../contract/report';
import type { SandboxRecord } from './fixtures';
import {
  makeDataDir,
  quickRunArgs,
  removeDataDir,
  startHaymaker,
  type StartResult,
  type StartRun,
} from './haymaker-start';
import { readSandboxState, RunWitness, type SandboxState } from './sandbox-state';

export interface E2eRunOptions {
  /** Names the temporary data dir. */
  name: string;
  scenarios: string[];
  /** The sandbox setup of `--faults` (cli/local/sandbox-setup.ts), written to `<dataDir>/setup.json`. */
  setup?: Record<string, unknown> | ((runId: string) => Record<string, unknown>);
  /** App settings `KEY=VALUE` over the quick-run ones (a key given here replaces the quick-run value). */
  settings?: string[];
  /** Keep the sandbox's request log (`--sandbox-record`). */
  record?: boolean;
}

export interface CommandOptions {
  timeoutMs?: number;
  /** Other scenarios than the run's (a second, unrelated run). */
  scenarios?: string[];
  /** Settings for this command only, over the run's. */
  settings?: string[];
}

const mergeSettings = (...lists: (string[] | undefined)[]): string[] => {
  const byKey = new Map<string, string>();
  for (const list of lists) for (const s of list ?? []) byKey.set(s.slice(0, s.indexOf('=')), s);
  return [...byKey.values()];
};

export class E2eRun {
  readonly runId = randomUUID();
  readonly dataDir: string;
  readonly witness: RunWitness;
  private witnessing = false;

  constructor(readonly options: E2eRunOptions) {
    this.dataDir = makeDataDir(options.name);
    this.witness = new RunWitness(this.dataDir, this.runId);
    const setup = typeof options.setup === 'function' ? options.setup(this.runId) : options.setup;
    if (setup) writeFileSync(this.setupFile, JSON.stringify(setup));
  }

  get setupFile(): string {
    return join(this.dataDir, 'setup.json');
  }

  get recordFile(): string {
    return join(this.dataDir, 'record.json');
  }

  /** The arguments that start this run as a new one: its id, its faults and its request log. */
  newRunArgs(): string[] {
    return [
      '--run-id',
      this.runId,
      ...(this.options.setup ? ['--faults', this.setupFile] : []),
      ...(this.options.record ? ['--sandbox-record', this.recordFile] : []),
    ];
  }

  /** `haymaker start` with the quick-run arguments plus `extra`; the witness starts with the first command. */
  command(extra: string[], options: CommandOptions = {}): StartRun {
    if (!this.witnessing) {
      this.witness.start();
      this.witnessing = true;
    }
    const base = quickRunArgs(options.scenarios ?? this.options.scenarios);
    const settingsAt = base.indexOf('--setting');
    const settings = mergeSettings(base.slice(settingsAt + 1), this.options.settings, options.settings);
    return startHaymaker(
      this.dataDir,
      [...base.slice(0, settingsAt), '--setting', ...settings, ...extra],
      options.timeoutMs ?? 200_000,
    );
  }

  /** The report of a command that ended with its result line; otherwise an error carrying the command's output. */
  reportOf(result: StartResult): RunReport {
    if (!result.final)
      throw new Error(
        `haymaker start ended without its result line (code ${result.code}, signal ${result.signal}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
      );
    return JSON.parse(readFileSync(result.final.report.jsonPath, 'utf8')) as RunReport;
  }

  state(): SandboxState {
    return readSandboxState(this.dataDir)!;
  }

  record(): SandboxRecord {
    return JSON.parse(readFileSync(this.recordFile, 'utf8')) as SandboxRecord;
  }

  dispose(): void {
    this.witness.stop();
    removeDataDir(this.dataDir);
  }
}

/** What report.json says when a run left nothing behind. */
export const NOTHING_LEAKED = {
  resources: 0,
  principals: 0,
  appRegistrations: 0,
  roleAssignments: 0,
  secrets: 0,
};

/**
 * One principal and one app registration per scenario, and at most the two role assignments each scenario asks
 * for, across everything the witness saw: what resumed or rewound steps must not double.
 */
export function expectNothingCreatedTwice(witness: RunWitness, scenarios: number): void {
  expect(witness.principalIds.size).toBe(scenarios);
  expect(witness.appDisplayNames.size).toBe(scenarios);
  expect(witness.roleAssignmentIds.size).toBeGreaterThan(0);
  expect(witness.roleAssignmentIds.size).toBeLessThanOrEqual(2 * scenarios);
}

export interface FinishedRun {
  result: StartResult;
  report: RunReport;
  /** The sandbox's state when the command ended. */
  state: SandboxState;
  /** The sandbox's request log, when the run keeps one. */
  record?: SandboxRecord;
}

/**
 * A suite around one `haymaker start` of a new run: beforeAll starts it, lets `during` act while it runs, waits for
 * it to end and reads its report; afterAll removes the data dir. `finished()` is for the suite's tests.
 */
export function e2eSuite(
  options: E2eRunOptions,
  suite: { timeoutMs: number; during?: (started: StartRun, run: E2eRun) => Promise<void> },
): { run: E2eRun; finished: () => FinishedRun } {
  const run = new E2eRun(options);
  let finished: FinishedRun | undefined;
  beforeAll(async () => {
    const started = run.command(run.newRunArgs(), { timeoutMs: suite.timeoutMs - 10_000 });
    await suite.during?.(started, run);
    const result = await started.done;
    run.witness.stop();
    finished = {
      result,
      report: run.reportOf(result),
      state: run.state(),
      ...(options.record ? { record: run.record() } : {}),
    };
  }, suite.timeoutMs);
  afterAll(() => run.dispose());
  return {
    run,
    finished: () => {
      if (!finished) throw new Error(`the ${options.name} run did not finish; see the beforeAll error`);
      return finished;
    },
  };
}
