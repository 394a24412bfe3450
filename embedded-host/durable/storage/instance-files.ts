import fs from 'node:fs';
import path from 'node:path';
import type { InstanceRecord, OutboxMessage } from '../records';
import { SEGMENT_FIELD } from './record-codec';

const LEGACY_JOURNAL = '.json.msgs';

/**
 * Checkpoint files, one JSON file per instance under `<dataDir>/taskhub/instances/`: the state the log's older
 * segments were folded into. Each is written to a temp file, fsync'd and renamed, so a crash leaves the old or
 * the new file, never a torn one. The format is the record itself (older task hubs load unchanged).
 */
export class InstanceFiles {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(instanceId: string): string {
    return path.join(this.dir, `${encodeURIComponent(instanceId).replace(/\./g, '%2E')}.json`);
  }

  /** Every record, with the log segment it already includes (-1 for files written before the log existed). */
  loadAll(): { records: Map<string, InstanceRecord>; segmentOf: Map<string, number> } {
    const records = new Map<string, InstanceRecord>();
    const segmentOf = new Map<string, number>();
    for (const name of fs.readdirSync(this.dir)) {
      const full = path.join(this.dir, name);
      if (name.endsWith('.tmp')) {
        // A write that never reached its rename: the previous file is still intact.
        fs.rmSync(full, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(
          `task hub record ${full} is unreadable (${(err as Error).message}); move it aside to start the host`,
        );
      }
      const segment = typeof parsed[SEGMENT_FIELD] === 'number' ? (parsed[SEGMENT_FIELD] as number) : -1;
      delete parsed[SEGMENT_FIELD];
      const record = parsed as unknown as InstanceRecord;
      records.set(record.instanceId, record);
      segmentOf.set(record.instanceId, segment);
    }
    return { records, segmentOf };
  }

  /**
   * Message journals of task hubs written before the log (one `<record>.msgs` file per receiver): their messages
   * in order, a torn last line dropped. The caller moves them into the log, then calls `removeLegacyJournals`.
   */
  legacyMessages(): OutboxMessage[] {
    const messages: OutboxMessage[] = [];
    for (const name of this.legacyJournals())
      for (const line of fs.readFileSync(path.join(this.dir, name), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          messages.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // The write a SIGKILL interrupted: its sender still has it in its outbox and sends it again.
        }
      }
    return messages;
  }

  removeLegacyJournals(): void {
    for (const name of this.legacyJournals()) fs.rmSync(path.join(this.dir, name), { force: true });
  }

  private legacyJournals(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((n) => n.endsWith(LEGACY_JOURNAL))
      .sort();
  }

  async write(instanceId: string, json: string): Promise<void> {
    const target = this.file(instanceId);
    const temp = `${target}.${process.pid}.tmp`;
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writeFile(json);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, target);
  }

  writeSync(instanceId: string, json: string): void {
    const target = this.file(instanceId);
    const temp = `${target}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, json);
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  }

  async remove(instanceId: string): Promise<void> {
    await fs.promises.rm(this.file(instanceId), { force: true });
  }

  removeSync(instanceId: string): void {
    fs.rmSync(this.file(instanceId), { force: true });
  }

  syncDirSync(): void {
    syncDirectory(this.dir);
  }

  async syncDir(): Promise<void> {
    await syncDirectoryAsync(this.dir);
  }
}

/** Makes creations, renames and removals in `dir` durable. */
export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function syncDirectoryAsync(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
