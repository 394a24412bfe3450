import fs from 'node:fs';
import path from 'node:path';
import { readBatches, type ReadLog } from './log-format';
import { syncDirectoryAsync } from './instance-files';

const SUFFIX = '.log';

/** Segments in `dir`, oldest first. */
export function listSegments(dir: string): { seq: number; file: string }[] {
  return fs
    .readdirSync(dir)
    .map((name) => /^(\d+)\.log$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ seq: Number(m[1]), file: path.join(dir, m[0]) }))
    .sort((a, b) => a.seq - b.seq);
}

export function readSegment(file: string): ReadLog {
  return readBatches(fs.readFileSync(file));
}

/**
 * Called after a batch is written and before it is synced (crash tests stop the process there). `frame` is the batch
 * as written, so a test can choose its moment by what a batch holds: how many batches a load makes depends on how
 * fast the disk syncs.
 */
export type BatchWrittenHook = (info: {
  segment: number;
  bytes: number;
  frame: Buffer;
}) => Promise<void> | void;

/** One file of the log, appended to by one writer: each append is one write then one fdatasync. */
export class LogSegment {
  private constructor(
    readonly seq: number,
    readonly file: string,
    private readonly handle: fs.promises.FileHandle,
    private bytes: number,
  ) {}

  /** A new, empty segment whose directory entry is durable before anything is acknowledged from it. */
  static async create(dir: string, seq: number): Promise<LogSegment> {
    const file = path.join(dir, `${String(seq).padStart(12, '0')}${SUFFIX}`);
    const handle = await fs.promises.open(file, 'wx');
    await syncDirectoryAsync(dir);
    return new LogSegment(seq, file, handle, 0);
  }

  get size(): number {
    return this.bytes;
  }

  async append(frame: Buffer, onWritten?: BatchWrittenHook): Promise<void> {
    let offset = 0;
    while (offset < frame.length) {
      const { bytesWritten } = await this.handle.write(
        frame,
        offset,
        frame.length - offset,
        this.bytes + offset,
      );
      offset += bytesWritten;
    }
    this.bytes += frame.length;
    await onWritten?.({ segment: this.seq, bytes: frame.length, frame });
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
