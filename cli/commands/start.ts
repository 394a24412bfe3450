// `haymaker start`: the embedded default. Sandbox cloud + embedded host + the unchanged app, one run on a scaled
// clock with live progress, ending with the report's path. An unfinished run in .haymaker/ is resumed, not doubled.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { action } from '../client/command-helpers';
import { CliError, EXIT } from '../client/errors';
import { chooseRun, followLocalRun, RUN_SIZES, type RunRequest, type RunSnapshot } from '../local/local-run';
import { localPaths, type LocalPaths } from '../local/paths';
import { applySandboxSetup, readSandboxSetup } from '../local/sandbox-setup';
import { createStartOutput, type StartOutput, type StartResult } from '../local/start-output';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { note, writeResult } from '../output/write';

export interface StartOptions extends RunRequest, OutputOptions {
  timeScale: number;
  new?: boolean;
  dataDir?: string;
  port?: number;
  timeoutMinutes: number;
  /** JSON file of faults, lags and seeded resources applied to the sandbox before the run (cli/local/sandbox-setup.ts). */
  faults?: string;
  /** App settings layered over the local defaults, KEY=VALUE (e.g. PHASE_DEADLINE_MINUTES=30). */
  setting?: string[];
  /** Rewind this failed run (it resumes where it failed) and follow it to the end, instead of starting a run. */
  rewind?: string;
  /** Where to write the sandbox's request log (methods, paths, statuses; no bodies) when the command ends. */
  sandboxRecord?: string;
}

/**
 * Trusts the sandbox CA (re-running this process if needed) and checks the build. The sandbox and host modules
 * are loaded only here, so every other CLI command starts quickly.
 */
async function prepareLocalMode(paths: LocalPaths): Promise<typeof import('../local/local-stack')> {
  const { ensureSandboxTls } = require('../../sandbox/core/tls') as typeof import('../../sandbox/core/tls');
  const { ensureTrustedOrReexec } =
    require('../local/trust-sandbox-ca') as typeof import('../local/trust-sandbox-ca');
  await ensureTrustedOrReexec(ensureSandboxTls(paths.tlsDir).caCertPath);
  if (!existsSync(paths.appEntry) || !existsSync(paths.agentEntry)) {
    throw new CliError(
      `the app is not built (${paths.appEntry} missing): run \`npm run build\` first, or use \`npm start\``,
    );
  }
  return require('../local/local-stack') as typeof import('../local/local-stack');
}

/** The app settings the options ask for, over the local defaults. */
export function appSettingsFrom(options: StartOptions): Record<string, string> {
  const settings: Record<string, string> = {};
  if (options.operationsWindowMinutes !== undefined)
    settings.OPERATIONS_WINDOW_MINUTES = String(options.operationsWindowMinutes);
  if (options.bursts !== undefined) settings.OPERATION_BURSTS = String(options.bursts);
  for (const pair of options.setting ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--setting takes KEY=VALUE, got "${pair}"`, EXIT.usage);
    settings[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return settings;
}

/** Ctrl-C and SIGTERM stop following (the run stays in the task hub and resumes next time) instead of killing. */
function trapSignals(): { interrupted: () => boolean; release: () => void } {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    interrupted: () => interrupted,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * The run's outcome as the command's result, with the exit code it implies: 0 only when cleanup was verified and every
 * scenario succeeded, 4 when the run completed clean but some scenarios failed, 1 otherwise.
 */
export function outcomeOf(last: RunSnapshot, reportsDir: string): { result: StartResult; code: number } {
  if (last.failure !== undefined)
    return {
      result: { runId: last.runId, status: 'failed', cleanupVerified: false, error: last.failure },
      code: EXIT.failure,
    };
  const report = last.run?.report ?? {
    jsonPath: join(reportsDir, last.runId, 'report.json'),
    htmlPath: join(reportsDir, last.runId, 'report.html'),
  };
  const ok =
    last.runtimeStatus === 'Completed' && last.run?.phase === 'completed' && last.run.cleanupVerified;
  const ledgers = Object.values(last.run?.scenarios ?? {});
  const scenarios = {
    total: ledgers.length,
    succeeded: ledgers.filter((s) => s.status === 'succeeded').length,
  };
  return {
    result: {
      runId: last.runId,
      status: last.run?.phase ?? last.runtimeStatus,
      cleanupVerified: last.run?.cleanupVerified ?? false,
      scenarios,
      report,
    },
    code: !ok ? EXIT.failure : scenarios.succeeded < scenarios.total ? EXIT.scenariosFailed : EXIT.ok,
  };
}

function writeSandboxRecord(file: string, requests: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ requests }));
}

export async function runStart(options: StartOptions): Promise<number> {
  const paths = localPaths(options.dataDir);
  const { startLocalStack } = await prepareLocalMode(paths);
  const out: StartOutput = createStartOutput({ ...options, jsonLines: options.json, json: false });
  const setup = options.faults ? readSandboxSetup(options.faults) : undefined;
  const stack = await startLocalStack({
    paths,
    timeScale: options.timeScale,
    ...(options.port !== undefined ? { port: options.port } : {}),
    settings: appSettingsFrom(options),
    log: out.say,
  });
  const signals = trapSignals();
  let stopSetup = () => undefined as void;
  try {
    if (setup) stopSetup = await applySandboxSetup(stack.sandbox, setup, stack.host);
    const chosen = await chooseRun(stack.host.client, options);
    out.chosen(chosen, {
      api: `${stack.host.url}/api/v1`,
      dataDir: paths.dataDir,
      timeScale: options.timeScale,
      what: options.scenario?.length ? `${options.scenario.length} chosen scenarios` : options.size,
    });
    const end = await followLocalRun(
      stack.host.client,
      chosen.runId,
      options,
      out.progress,
      signals.interrupted,
    );
    out.progressDone(end.last);
    if (end.kind === 'timedOut') {
      out.say(
        `Stopped waiting after ${options.timeoutMinutes} minutes; the run continues the next time you run \`haymaker start\`.`,
      );
      return EXIT.failure;
    }
    if (end.kind === 'interrupted') {
      out.say(`Interrupted. Run ${chosen.runId} is kept in ${paths.dataDir}; \`npm start\` resumes it.`);
      return 130;
    }
    const { result, code } = outcomeOf(end.last, paths.reportsDir);
    out.result(result);
    return code;
  } finally {
    signals.release();
    stopSetup();
    if (options.sandboxRecord) writeSandboxRecord(options.sandboxRecord, stack.sandbox.requestLog());
    await stack.stop();
  }
}

const positiveNumber = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
};

/** `haymaker serve`: the local stack without starting a run, so the API and CLI can read past and unfinished runs. */
export async function runServe(
  options: OutputOptions & { dataDir?: string; port?: number; timeScale: number },
): Promise<number> {
  const paths = localPaths(options.dataDir);
  const { startLocalStack } = await prepareLocalMode(paths);
  const stack = await startLocalStack({
    paths,
    timeScale: options.timeScale,
    ...(options.port !== undefined ? { port: options.port } : {}),
    log: note,
  });
  // The data: where the API is, printed once it answers; the rest is for the person at the terminal.
  writeResult({ endpoint: `${stack.host.url}/api/v1` }, options, { text: (r) => `${r.endpoint}\n` });
  note('Serving the API (haymaker status, haymaker runs list) — Ctrl-C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stack.stop();
  return 0;
}

export function register(program: Command): void {
  withOutputOptions(program.command('serve'))
    .description(
      'serve the API of the embedded default (sandbox + host) without starting a run; unfinished runs continue',
    )
    .option('--data-dir <dir>', 'state folder (default .haymaker, or HAYMAKER_HOME)')
    .option('--port <port>', 'host port (default 7071 or HAYMAKER_PORT)', (v) => Number(v))
    .option(
      '--time-scale <factor>',
      'orchestration seconds per wall-clock second',
      positiveNumber('--time-scale'),
      600,
    )
    .action(
      action((opts: OutputOptions & { dataDir?: string; port?: number; timeScale: number }) =>
        runServe(opts),
      ),
    );
  withOutputOptions(program.command('start'), { json: false })
    .description(
      'run a simulation on the embedded default: sandbox cloud + embedded Functions host (resumes an unfinished run)',
    )
    .option('--size <size>', `scenarios per run: ${RUN_SIZES.join(' | ')}`, 'small')
    .option('--scenario <id...>', 'explicit scenario ids (overrides --size)')
    .option(
      '--time-scale <factor>',
      'orchestration seconds per wall-clock second',
      positiveNumber('--time-scale'),
      600,
    )
    .option('--seed <seed>', 'seed for selection and burst jitter')
    .option(
      '--operations-window-minutes <n>',
      'operations window (orchestration time)',
      positiveNumber('--operations-window-minutes'),
    )
    .option('--bursts <n>', 'operation bursts in the window (local default 3)', positiveNumber('--bursts'))
    .option('--new', 'start a new run even if an unfinished one exists')
    .option('--data-dir <dir>', 'state folder (default .haymaker, or HAYMAKER_HOME)')
    .option('--port <port>', 'host port (default 7071 or HAYMAKER_PORT)', (v) => Number(v))
    .option(
      '--timeout-minutes <n>',
      'stop waiting after this long (the run resumes next time)',
      positiveNumber('--timeout-minutes'),
      30,
    )
    .option(
      '--json',
      'JSON lines on stdout as the run goes (progress, then the result), for scripts that follow it',
    )
    .option(
      '--run-id <uuid>',
      'instance id of a new run (default: made from the start time and a random nonce)',
    )
    .option(
      '--rewind <runId>',
      'rewind this failed run (it resumes where it failed) and follow it to the end',
    )
    .option(
      '--faults <file>',
      'JSON sandbox setup for fault tests: { rules, settings, throttle, resources, softDeletedSecrets }',
    )
    .option('--setting <key=value...>', 'app setting over the local defaults (repeatable)')
    .option('--sandbox-record <file>', "write the sandbox's request log (no bodies) to this file at the end")
    .action(
      action((opts: StartOptions) => {
        if (!RUN_SIZES.includes(opts.size))
          throw new CliError(`--size must be one of ${RUN_SIZES.join(', ')}, got "${opts.size}"`, EXIT.usage);
        if (
          opts.runId !== undefined &&
          !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.runId)
        )
          throw new CliError(`--run-id must be a UUID, got "${opts.runId}"`, EXIT.usage);
        return runStart(opts);
      }),
    );
}
