// Steps run as a separate unprivileged user in a work directory of their own, so a step cannot read the agent's
// environment (/proc/<agent>/environ: the identity endpoint header, the Key Vault secret it read), its files or
// its token caches. Switching users needs root: the image runs the agent as root and names the step user in
// HAYMAKER_STEP_USER ("uid:gid"); when that is impossible the agent says so on every phase, loudly.
import { chown, chmod, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from '../log';

export interface StepIsolation {
  /** The user steps run as; absent when they run as the agent's own user. */
  runAs?: { uid: number; gid: number };
  /** The step's work directory (its HOME, cwd and az config directory live here). */
  workDir: string;
  /** `separate-user` or why not. */
  mode: 'separate-user' | 'same-user';
  reason?: string;
}

export function parseStepUser(value: string): { uid: number; gid: number } {
  const m = /^(\d+):(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) === 0)
    throw new Error(
      `HAYMAKER_STEP_USER "${value}" must be "uid:gid" of an unprivileged user (not root), e.g. 10002:10002`,
    );
  return { uid: Number(m[1]), gid: Number(m[2]) };
}

export async function prepareStepIsolation(setting: string | undefined, log: Log): Promise<StepIsolation> {
  const workDir = await mkdtemp(join(tmpdir(), 'haymaker-step-'));
  if (!setting) {
    const reason =
      'HAYMAKER_STEP_USER is not set, so steps run as the agent user and can read its environment';
    log(`STEP ISOLATION OFF: ${reason} (the agent image sets it; local mode does not)`, { level: 'warning' });
    return { workDir, mode: 'same-user', reason };
  }
  const runAs = parseStepUser(setting);
  const uid = process.getuid?.();
  if (uid !== 0) {
    const reason = `the agent runs as uid ${uid ?? 'unknown'}, not root, so it cannot switch steps to uid ${runAs.uid}`;
    log(`STEP ISOLATION UNAVAILABLE: ${reason}; steps can read the agent's environment`, { level: 'error' });
    return { workDir, mode: 'same-user', reason };
  }
  await chown(workDir, runAs.uid, runAs.gid);
  await chmod(workDir, 0o700);
  log('steps run as a separate user', { uid: runAs.uid, gid: runAs.gid, workDir });
  return { runAs, workDir, mode: 'separate-user' };
}

/** Hands what the agent wrote for the step (az's login state) to the step user. */
export async function handOver(isolation: StepIsolation, dir: string): Promise<void> {
  if (!isolation.runAs) return;
  const { uid, gid } = isolation.runAs;
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await handOver(isolation, path);
    else await chown(path, uid, gid);
  }
}
