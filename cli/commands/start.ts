// `haymaker start`: the embedded default. Sandbox cloud + embedded host + the unchanged app, one run on a scaled
// clock with live progress, ending with the report's path. An unfinished run in .haymaker/ is resumed, not doubled.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { EmbeddedDurableClient } from '../../embedded-host';
import { RUN_ENTITY_NAME, TERMINAL_RUN_PHASES, type RunEntityState } from '../../contract/entities';
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { startRun } from '../../triggers/start-run';
import { localPaths, type LocalPaths } from '../local/paths';
import { createProgressPrinter, type ProgressSnapshot } from '../local/progress';
import { applySandboxSetup, readSandboxSetup } from '../local/sandbox-setup';

const SIZES = ['small', 'medium', 'large'] as const;
type Size = (typeof SIZES)[number];

export interface StartOptions {
  size: Size;
  scenario?: string[];
  timeScale: number;
  seed?: string;
  new?: boolean;
  json?: boolean;
  dataDir?: string;
  port?: number;
  operationsWindowMinutes?: number;
  bursts?: number;
  timeoutMinutes: number;
  /** Instance id of a new run (tests seed resources tagged for it); ignored when a run resumes. */
  runId?: string;
  /** JSON file of faults, lags and seeded resources applied to the sandbox before the run (cli/local/sandbox-setup.ts). */
  faults?: string;
  /** App settings layered over the local defaults, KEY=VALUE (e.g. PHASE_DEADLINE_MINUTES=30). */
  setting?: string[];
  /** Rewind this failed run (it resumes where it failed) and follow it to the end, instead of starting a run. */
  rewind?: string;
  /** Where to write the sandbox's request log (methods, paths, statuses; no bodies) when the command ends. */
  sandboxRecord?: string;
}

const UNFINISHED = ['Running', 'Pending', 'Suspended'] as const;

/** The unfinished run a killed `haymaker start` left in the task hub, if any (newest first). */
async function findUnfinishedRun(client: EmbeddedDurableClient): Promise<string | undefined> {
  const open = await client.listInstances({ runtimeStatus: [...UNFINISHED] });
  const runs = open
    .filter((s) => s.name === RUN_ORCHESTRATION)
    .sort((a, b) => String(b.createdTime).localeCompare(String(a.createdTime)));
  return runs[0]?.instanceId;
}

async function snapshot(
  client: EmbeddedDurableClient,
  runId: string,
): Promise<ProgressSnapshot & { failure?: string }> {
  const [status, entity] = await Promise.all([
    client.getStatus(runId),
    client.readEntityState<RunEntityState>({ name: RUN_ENTITY_NAME, key: runId }),
  ]);
  const failure =
    status?.runtimeStatus === 'Failed' ? String(status.output ?? 'the run orchestration failed') : undefined;
  return {
    runId,
    runtimeStatus: status?.runtimeStatus ?? 'Unknown',
    run: entity.entityState,
    ...(failure ? { failure } : {}),
  };
}

/** A failed run in the task hub, rewound so that it resumes where it failed. */
async function rewindFailedRun(client: EmbeddedDurableClient, runId: string): Promise<void> {
  const status = await client.getStatus(runId);
  if (!status || status.name !== RUN_ORCHESTRATION)
    throw new Error(`--rewind: there is no run ${runId} in this data dir`);
  if (status.runtimeStatus !== 'Failed')
    throw new Error(`--rewind: run ${runId} is ${status.runtimeStatus}; only a Failed run can be rewound`);
  await client.rewind(runId, 'rewound by haymaker start --rewind');
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
    throw new Error(
      `the app is not built (${paths.appEntry} missing): run \`npm run build\` first, or use \`npm start\``,
    );
  }
  return require('../local/local-stack') as typeof import('../local/local-stack');
}

export async function runStart(options: StartOptions): Promise<number> {
  const paths = localPaths(options.dataDir);
  const { startLocalStack } = await prepareLocalMode(paths);
  const say = (m: string) => {
    if (!options.json) process.stdout.write(`${m}\n`);
  };
  const settings: Record<string, string> = {};
  if (options.operationsWindowMinutes !== undefined)
    settings.OPERATIONS_WINDOW_MINUTES = String(options.operationsWindowMinutes);
  if (options.bursts !== undefined) settings.OPERATION_BURSTS = String(options.bursts);
  for (const pair of options.setting ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--setting takes KEY=VALUE, got "${pair}"`);
    settings[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const setup = options.faults ? readSandboxSetup(options.faults) : undefined;
  const stack = await startLocalStack({
    paths,
    timeScale: options.timeScale,
    ...(options.port !== undefined ? { port: options.port } : {}),
    settings,
    log: say,
  });
  let interrupted = false;
  let stopSetup = () => undefined as void;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (setup) stopSetup = await applySandboxSetup(stack.sandbox, setup, stack.host);
    const client = stack.host.client;
    let runId: string;
    const unfinished = options.rewind || options.new ? undefined : await findUnfinishedRun(client);
    if (options.rewind) {
      runId = options.rewind;
      await rewindFailedRun(client, runId);
      say(`Rewound the failed run ${options.rewind}; it resumes where it failed.`);
      if (options.json) process.stdout.write(`${JSON.stringify({ rewound: options.rewind })}\n`);
    } else if (unfinished) {
      runId = unfinished;
      say(`Resuming the unfinished run ${runId} from ${paths.dataDir} (use --new to start another).`);
      if (options.json) process.stdout.write(`${JSON.stringify({ resumed: runId })}\n`);
    } else {
      runId = await startRun(
        client,
        {
          trigger: 'cli',
          ...(options.scenario?.length ? { scenarioIds: options.scenario } : { size: options.size }),
          ...(options.seed ? { seed: options.seed } : {}),
          ...(options.operationsWindowMinutes !== undefined
            ? { operationsWindowMinutes: options.operationsWindowMinutes }
            : {}),
          ...(options.bursts !== undefined ? { operationBursts: options.bursts } : {}),
        },
        { now: new Date(), ...(options.runId ? { runId: options.runId } : {}) },
      );
      say(
        `Started run ${runId} (${options.scenario?.length ? `${options.scenario.length} chosen scenarios` : options.size}, time x${options.timeScale}).`,
      );
    }
    say(`API: ${stack.host.url}/api/v1/status    task hub, sandbox state and reports: ${paths.dataDir}`);
    if (options.json)
      process.stdout.write(`${JSON.stringify({ run: runId, api: `${stack.host.url}/api/v1` })}\n`);

    const printer = createProgressPrinter(process.stdout, { json: !!options.json });
    const deadline = Date.now() + options.timeoutMinutes * 60_000;
    let last: Awaited<ReturnType<typeof snapshot>>;
    for (;;) {
      last = await snapshot(client, runId);
      printer.update(last);
      // A failed orchestration never reports to its entity, so its phase stays where it was.
      const finished =
        last.runtimeStatus === 'Failed' ||
        (['Completed', 'Terminated'].includes(last.runtimeStatus) &&
          (!last.run || TERMINAL_RUN_PHASES.has(last.run.phase)));
      if (finished || interrupted) break;
      if (Date.now() > deadline) {
        say(
          `Stopped waiting after ${options.timeoutMinutes} minutes; the run continues the next time you run \`haymaker start\`.`,
        );
        return 1;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    printer.done(last);
    if (interrupted) {
      say(`Interrupted. Run ${runId} is kept in ${paths.dataDir}; \`npm start\` resumes it.`);
      return 130;
    }
    const report = last.run?.report ?? {
      jsonPath: join(paths.reportsDir, runId, 'report.json'),
      htmlPath: join(paths.reportsDir, runId, 'report.html'),
    };
    const ok =
      last.runtimeStatus === 'Completed' &&
      last.run?.phase === 'completed' &&
      last.run.cleanupVerified === true;
    if (last.failure !== undefined) {
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ runId, status: 'failed', cleanupVerified: false, error: last.failure })}\n`,
        );
      say(`Run ${runId} FAILED: ${last.failure}`);
      say(
        `Once the cause is fixed: \`haymaker start --rewind ${runId}\` resumes it; otherwise the janitor removes what it left.`,
      );
      return 1;
    }
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ runId, status: last.run?.phase ?? last.runtimeStatus, cleanupVerified: last.run?.cleanupVerified ?? false, report })}\n`,
      );
    } else {
      say(
        `Run ${runId} ${last.run?.phase ?? last.runtimeStatus}; cleanup ${last.run?.cleanupVerified ? 'verified: nothing left behind' : 'NOT verified'}.`,
      );
      say(`Report: ${report.htmlPath}`);
    }
    return ok ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopSetup();
    if (options.sandboxRecord) {
      mkdirSync(dirname(options.sandboxRecord), { recursive: true });
      writeFileSync(options.sandboxRecord, JSON.stringify({ requests: stack.sandbox.requestLog() }));
    }
    await stack.stop();
  }
}

const positiveNumber = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
};

/** `haymaker serve`: the local stack without starting a run, so the API and CLI can read past and unfinished runs. */
export async function runServe(options: {
  dataDir?: string;
  port?: number;
  timeScale: number;
}): Promise<number> {
  const paths = localPaths(options.dataDir);
  const { startLocalStack } = await prepareLocalMode(paths);
  const stack = await startLocalStack({
    paths,
    timeScale: options.timeScale,
    ...(options.port !== undefined ? { port: options.port } : {}),
    log: (m) => process.stdout.write(`${m}\n`),
  });
  process.stdout.write(
    `Serving ${stack.host.url}/api/v1 (haymaker status, haymaker runs list) — Ctrl-C to stop.\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stack.stop();
  return 0;
}

export function register(program: Command): void {
  program
    .command('serve')
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
    .action(async (opts: { dataDir?: string; port?: number; timeScale: number }) => {
      process.exitCode = await runServe(opts);
    });
  program
    .command('start')
    .description(
      'run a simulation on the embedded default: sandbox cloud + embedded Functions host (resumes an unfinished run)',
    )
    .option('--size <size>', `scenarios per run: ${SIZES.join(' | ')}`, 'small')
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
    .option('--json', 'print JSON lines instead of the progress table')
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
    .action(async (opts: StartOptions) => {
      if (!SIZES.includes(opts.size))
        throw new Error(`--size must be one of ${SIZES.join(', ')}, got "${opts.size}"`);
      if (
        opts.runId !== undefined &&
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.runId)
      )
        throw new Error(`--run-id must be a UUID, got "${opts.runId}"`);
      process.exitCode = await runStart(opts);
    });
}
