// Files a step may name: its own work directory (relative paths) and /tmp. The agent's environment
// (/proc/<pid>/environ), az's token cache, /dev/tcp sockets and the rest of the file system are not a step's.
import { POLICY_RULES, refuse, type Refusal } from './types';

const DEVICES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/stdin']);

export function pathRefusal(path: string): Refusal | undefined {
  const segments = path.split('/');
  if (segments.includes('..'))
    return refuse(
      POLICY_RULES.fileAccess,
      `"${path}" climbs out of its folder with ".."; name files inside the step's work directory or /tmp`,
    );
  if (path.startsWith('~') || path.startsWith('$'))
    return refuse(
      POLICY_RULES.fileAccess,
      `"${path}" is in a home directory (az's login state lives there); use the work directory or /tmp`,
    );
  if (!path.startsWith('/')) return undefined;
  if (DEVICES.has(path) || /^\/dev\/fd\/[0-9]+$/.test(path)) return undefined;
  if (/^\/tmp\/[^/]/.test(path)) return undefined;
  if (/^\/dev\/(tcp|udp)\//.test(path))
    return refuse(
      POLICY_RULES.fileAccess,
      `"${path}" opens a network connection through bash; steps reach Azure only through az`,
    );
  return refuse(
    POLICY_RULES.fileAccess,
    `"${path}" is outside the step's work directory and /tmp (the agent's files, /proc and /etc are not a step's)`,
  );
}

/** Whether a value is probably meant as a local file (so the path rule applies to it). */
export function looksLikePath(value: string): boolean {
  return (
    value.startsWith('/') ||
    value.startsWith('~') ||
    value.startsWith('./') ||
    value.split('/').includes('..')
  );
}
