// One JSON line per message on stdout (Container Apps collects it); every line passes the scrubber.
import type { Scrubber } from '../core/scrub';

export type Log = (message: string, fields?: Record<string, unknown>) => void;

export function createLog(
  scrub: () => Scrubber,
  write: (line: string) => void = (l) => process.stdout.write(l),
): Log {
  return (message, fields = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), message, ...fields });
    write(`${scrub()(line)}\n`);
  };
}
