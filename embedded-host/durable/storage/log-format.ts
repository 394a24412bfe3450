import { crc32 } from 'node:zlib';
import type { OutboxMessage } from '../records';

/**
 * One line of the task hub's log. `put` carries a record without its append-only arrays, and for each of those
 * arrays the items after position `from` (the array is cut to `from`, then extended): an episode adds a few
 * events to a history of thousands, and writing only those keeps the log linear in what happened.
 */
export type LogEntry =
  | {
      t: 'put';
      id: string;
      rec: Record<string, unknown>;
      arrays: Record<string, [from: number, items: unknown[]]>;
    }
  | { t: 'msg'; m: OutboxMessage }
  | { t: 'del'; id: string };

/**
 * A batch is the unit of commit: `#<payload bytes> <crc32 hex>\n` then the payload (one JSON entry a line). Written
 * with one write and one fdatasync, and acknowledged only after both, so only the last batch of the log can be torn
 * (a SIGKILL or power loss during its write); the reader drops it whole. All or nothing per batch also means the
 * order of entries inside a batch never matters for what a crash can leave.
 */
export function frameBatch(lines: readonly string[]): Buffer {
  const payload = Buffer.from(lines.join(''), 'utf8');
  const header = Buffer.from(`#${payload.length} ${crc32(payload).toString(16)}\n`, 'latin1');
  return Buffer.concat([header, payload]);
}

export interface ReadLog {
  batches: LogEntry[][];
  /** Bytes of complete batches; anything after them is a torn tail. */
  validBytes: number;
  torn: boolean;
}

export function readBatches(buf: Buffer): ReadLog {
  const batches: LogEntry[][] = [];
  let pos = 0;
  while (pos < buf.length) {
    const newline = buf.indexOf(0x0a, pos);
    const header = /^#(\d+) ([0-9a-f]{1,8})$/.exec(
      buf.toString('latin1', pos, newline < 0 ? buf.length : newline),
    );
    if (newline < 0 || !header) break;
    const start = newline + 1;
    const end = start + Number(header[1]);
    if (end > buf.length) break;
    const payload = buf.subarray(start, end);
    if (crc32(payload) !== parseInt(header[2], 16)) break;
    batches.push(
      payload
        .toString('utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as LogEntry),
    );
    pos = end;
  }
  return { batches, validBytes: pos, torn: pos < buf.length };
}

export function messageLine(message: OutboxMessage): string {
  return `{"t":"msg","m":${JSON.stringify(message)}}\n`;
}

export function removeLine(instanceId: string): string {
  return `{"t":"del","id":${JSON.stringify(instanceId)}}\n`;
}
