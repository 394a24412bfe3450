// Runs the hostile corpus through the real agent (policy off) as few times as it takes for every command to meet a
// signed-in principal: some commands sign az out (`az logout`, `az account clear`, `rm -rf ~/.azure`, another
// `az login`), after which every later step would fail before reaching the sandbox and prove nothing. A new agent
// phase signs in again and starts at the first step that found az signed out. The corpus runs in chunks so a
// restart repeats little.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_NODE_ARGS } from '../../../core/shell/node-args';
import { hostileScenario, stepTitle, type HostileCommand } from './hostile-corpus';

export interface StepOutcome {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

export interface CorpusRun {
  /** Agent phases it took. */
  agentRuns: number;
  /** By corpus index: the outcome of the run that counts (the one where az was still signed in, if any). */
  outcomes: Map<number, StepOutcome>;
  /** Every agent run's stdout, for a failure message. */
  stdout: string[];
}

const SIGNED_OUT = /Please run 'az login'/;

/** A stand-in log line of a call that found az signed out; a line that is not the stand-in's JSON proves nothing. */
function saysSignedOut(line: string): boolean {
  try {
    return SIGNED_OUT.test((JSON.parse(line) as { error?: string }).error ?? '');
  } catch {
    return true;
  }
}

/** Lines of the az stand-in's log (HAYMAKER_AZ_STANDIN_LOG), or none when the phase has no log. */
function standinLog(env: NodeJS.ProcessEnv): string[] {
  const file = env.HAYMAKER_AZ_STANDIN_LOG;
  return file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Steps per agent phase: a sign-out wastes at most the rest of its chunk. */
const CHUNK = 60;

function runEntry(entry: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...PARSER_NODE_ARGS, entry],
      { env, timeout: 540_000, maxBuffer: 256 * 1024 * 1024 },
      (_e, stdout) => resolve(stdout),
    );
  });
}

function finishedSteps(stdout: string): Map<string, StepOutcome> {
  const steps = new Map<string, StepOutcome>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { message?: string; step?: string } & StepOutcome;
    if (entry.message === 'step finished' && entry.step)
      steps.set(entry.step, { exitCode: entry.exitCode, timedOut: entry.timedOut, output: entry.output });
  }
  return steps;
}

export async function runCorpusPolicyOff(o: {
  entry: string;
  env: NodeJS.ProcessEnv;
  scenarioFile: string;
  template: string;
  commands: HostileCommand[];
  /** Before every agent phase: the scenario's own group and grant, as the orchestrator keeps them. */
  beforePhase: () => Promise<void>;
}): Promise<CorpusRun> {
  const outcomes = new Map<number, StepOutcome>();
  const stdout: string[] = [];
  let first = 0;
  while (first < o.commands.length) {
    const end = Math.min(first + CHUNK, o.commands.length);
    writeFileSync(o.scenarioFile, hostileScenario(o.template, o.commands.slice(0, end), first));
    await o.beforePhase();
    const logged = standinLog(o.env).length;
    const out = await runEntry(o.entry, o.env);
    // The real Azure CLI (a corpus command runs /usr/bin/az) says the same words when it has no login of its own;
    // only a phase in which the stand-in itself found az signed out lost its sign-in. A log that shrank (a step
    // truncated it) proves nothing, so it counts as signed out.
    const after = standinLog(o.env);
    const signedOut = after.length < logged || after.slice(logged).some(saysSignedOut);
    stdout.push(out);
    const steps = finishedSteps(out);
    if (steps.size === 0)
      throw new Error(`the agent ran no step from ${stepTitle(first)}:\n${out.slice(-4000)}`);
    let restartAt: number | undefined;
    for (let i = first; i < end; i++) {
      const step = steps.get(stepTitle(i));
      if (!step) continue;
      // A command that signs itself out (its own AZURE_CONFIG_DIR) is its own doing: only later steps restart.
      if (signedOut && i > first && SIGNED_OUT.test(step.output) && restartAt === undefined) restartAt = i;
      if (restartAt === undefined || i < restartAt) outcomes.set(i, step);
    }
    first = restartAt ?? end;
  }
  return { agentRuns: stdout.length, outcomes, stdout };
}

export const scenarioPath = (dir: string, scenarioId: string): string => join(dir, `${scenarioId}.md`);
