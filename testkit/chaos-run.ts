// Chaos for a whole local stack: `haymaker start` (sandbox cloud, embedded host, the app) and every agent process it
// started, SIGKILLed together at seeded random moments of a run, again and again, then started once more to let the
// run finish. Shared by the chaos test (tests/e2e) and the reliability bench. Linux: descendants are found in /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../core/random';
import { ensureSandboxTls } from '../sandbox/core/tls';
import { haymakerStartArgv } from './haymaker-start-command';

export interface ChaosOptions {
  dataDir: string;
  /** Arguments of the first `start` (a new run); later ones resume it. */
  newRunArgs: string[];
  /** Arguments of every `start` (scenarios, time scale, settings). */
  commonArgs: string[];
  kills: number;
  seed: string;
  /** A kill lands this long after the stack is up again (uniform in the range). */
  delayMs: { min: number; max: number };
  /** Of the final `start`, which runs the run to its end. */
  finalTimeoutMs: number;
  log?: (message: string) => void;
}

export interface StartOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChaosResult {
  /** Kills that landed (fewer than asked when the run finished first). */
  kills: number;
  /** Kills that found at least one agent process running. */
  killsWithAgents: number;
  final: StartOutcome;
  /**
   * The run ended between a kill and the next start, which then began a new run (it was killed at once): `final` is
   * that start's, and the chaos run's outcome is only in its report.
   */
  endedBeforeRestart: boolean;
  wallMs: number;
}

/** Every process below `pid`, from /proc (ppid links), children after their parents. */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const below = children.get(queue.shift()!) ?? [];
    found.push(...below);
    queue.push(...below);
  }
  return found;
}

/** SIGKILLs `pid` and all its descendants at once (stopped first, so nothing new is spawned while we look). */
export function killTree(pid: number): number {
  const signal = (p: number, s: NodeJS.Signals) => {
    try {
      process.kill(p, s);
    } catch {
      // already gone
    }
  };
  signal(pid, 'SIGSTOP');
  const below = descendantsOf(pid);
  for (const p of below) signal(p, 'SIGSTOP');
  signal(pid, 'SIGKILL');
  for (const p of below) signal(p, 'SIGKILL');
  return below.length;
}

function startStack(
  dataDir: string,
  args: string[],
): { child: ChildProcess; done: Promise<StartOutcome>; up: Promise<void>; output: () => string } {
  const tls = ensureSandboxTls(path.join(dataDir, 'sandbox', 'tls'));
  const child = spawn(process.execPath, haymakerStartArgv(dataDir, args), {
    cwd: dataDir,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caCertPath, HAYMAKER_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markUp = () => undefined as void;
  const up = new Promise<void>((resolve) => (markUp = resolve));
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    // `{"run":…,"api":…}` is printed once the stack is up and the run is chosen.
    if (/"api":/.test(stdout)) markUp();
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<StartOutcome>((resolve) =>
    child.on('close', (code, signal) => {
      markUp();
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done, up, output: () => stdout };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWithKills(options: ChaosOptions): Promise<ChaosResult> {
  const random = seededRandom(options.seed);
  const started = performance.now();
  let kills = 0;
  let killsWithAgents = 0;
  // A start that ran the run to its end is the final one: starting again would begin a new run, not resume this one.
  let finishedEarly: StartOutcome | undefined;
  let endedBeforeRestart = false;
  for (let i = 0; i < options.kills; i++) {
    const stack = startStack(options.dataDir, [
      ...options.commonArgs,
      ...(i === 0 ? options.newRunArgs : []),
    ]);
    await stack.up;
    // A restart that resumed nothing began a new run: the chaos run had ended at the previous start.
    if (i > 0 && !/"resumed":/.test(stack.output())) {
      killTree(stack.child.pid!);
      finishedEarly = await stack.done;
      endedBeforeRestart = true;
      options.log?.(
        `chaos: the run had ended before restart ${i + 1}; the new run that start began was killed`,
      );
      break;
    }
    let ended = false;
    void stack.done.then(() => (ended = true));
    // The first kill waits for an agent to run, so at least one kill leaves a job dead mid-phase.
    if (i === 0) while (!ended && descendantsOf(stack.child.pid!).length === 0) await sleep(50);
    const delay = options.delayMs.min + random() * (options.delayMs.max - options.delayMs.min);
    // First kill: 1.5 s into the agent's life, once the orchestration has its execution name (waits on it).
    const until = performance.now() + (i === 0 ? 1_500 : delay);
    while (!ended && performance.now() < until) await sleep(25);
    if (ended) {
      options.log?.(`chaos: the run finished before kill ${i + 1}`);
      finishedEarly = await stack.done;
      break;
    }
    const agents = killTree(stack.child.pid!);
    await stack.done;
    kills++;
    if (agents > 0) killsWithAgents++;
    options.log?.(`chaos: kill ${kills} after ${Math.round(delay)} ms, ${agents} agent process(es) with it`);
  }
  // With no kills asked for, the final start is the first one: it begins the run.
  const final = finishedEarly ?? (await finalStart(options, options.kills > 0 ? [] : options.newRunArgs));
  return {
    kills,
    killsWithAgents,
    final,
    endedBeforeRestart,
    wallMs: Math.round(performance.now() - started),
  };
}

async function finalStart(options: ChaosOptions, firstRunArgs: string[]): Promise<StartOutcome> {
  const last = startStack(options.dataDir, [...options.commonArgs, ...firstRunArgs]);
  const timer = setTimeout(() => killTree(last.child.pid!), options.finalTimeoutMs);
  const final = await last.done;
  clearTimeout(timer);
  return final;
}
