// One JSON line per call next to the sandbox file, so a run shows what the scenarios asked of `az`
// and which answers were simulated. Values of secret-bearing options are never written.
import { appendFileSync } from 'node:fs';

const SECRET_OPTION =
  /^--?(p|password|secret|value|client-secret|account-key|sas-token|connection-string|admin-password|token|key|primary-key|secondary-key)$/i;

export interface StandinLogEntry {
  time: string;
  args: string[];
  outcome: 'sandbox' | 'simulated' | 'local' | 'error';
  exitCode: number;
  requests: string[];
  error?: string;
}

export function redactArgs(argv: string[]): string[] {
  const out: string[] = [];
  let hide = false;
  for (const word of argv) {
    if (word.startsWith('-')) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(0, eq) : word;
      hide = SECRET_OPTION.test(name);
      out.push(hide && eq > 0 ? `${name}=***` : word);
    } else out.push(hide ? '***' : word);
  }
  return out;
}

export function writeLog(file: string | undefined, entry: StandinLogEntry): void {
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
  } catch {
    // The log is a diagnostic: a read-only directory must not fail the command.
  }
}
