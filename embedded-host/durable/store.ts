import fs from 'node:fs';
import path from 'node:path';
import { InstanceRecord, OutboxMessage } from './records';

const MESSAGES = '.msgs';

/**
 * One JSON file per instance under `<dataDir>/taskhub/instances/`. Every write goes to a temp file,
 * is fsync'd, renamed over the old file and the directory is fsync'd, so a SIGKILL leaves either
 * the old or the new record, never a torn one.
 *
 * Messages delivered to an instance (events, entity operations) are appended to its message journal
 * (`<record>.msgs`, one fsync'd JSON line each) instead of rewriting the whole record: a run with a
 * thousand scenarios sends its run orchestration and entity thousands of messages, and rewriting a
 * growing record for each one made delivery quadratic. Saving the record, which holds those messages
 * by then, empties the journal; a restart replays what is left (the engine drops repeats by id).
 */
export class TaskHubStore {
  readonly dir: string;
  private readonly journaled = new Set<string>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'taskhub', 'instances');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private file(instanceId: string): string {
    return path.join(this.dir, `${encodeURIComponent(instanceId).replace(/\./g, '%2E')}.json`);
  }

  save(record: InstanceRecord): void {
    const target = this.file(record.instanceId);
    const temp = `${target}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(record));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    this.syncDir();
    // Only after the record is durable: a crash before this leaves repeats, which the engine drops by id.
    if (this.journaled.delete(record.instanceId)) fs.rmSync(`${target}${MESSAGES}`, { force: true });
  }

  /** Makes one delivered message durable without rewriting its receiver's record. */
  appendMessage(instanceId: string, message: OutboxMessage): void {
    const journal = `${this.file(instanceId)}${MESSAGES}`;
    const created = !this.journaled.has(instanceId) && !fs.existsSync(journal);
    const fd = fs.openSync(journal, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(message)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (created) this.syncDir();
    this.journaled.add(instanceId);
  }

  /** Messages journaled since their receivers were last saved, in delivery order; a torn last line is dropped. */
  loadMessages(): OutboxMessage[] {
    const messages: OutboxMessage[] = [];
    for (const name of fs
      .readdirSync(this.dir)
      .filter((n) => n.endsWith(MESSAGES))
      .sort()) {
      this.journaled.add(decodeURIComponent(name.slice(0, -`.json${MESSAGES}`.length)));
      for (const line of fs.readFileSync(path.join(this.dir, name), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          messages.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // The write a SIGKILL interrupted: its sender still has it in its outbox and sends it again.
        }
      }
    }
    return messages;
  }

  remove(instanceId: string): void {
    fs.rmSync(this.file(instanceId), { force: true });
    fs.rmSync(`${this.file(instanceId)}${MESSAGES}`, { force: true });
    this.journaled.delete(instanceId);
    this.syncDir();
  }

  loadAll(): InstanceRecord[] {
    const records: InstanceRecord[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const full = path.join(this.dir, name);
      if (name.endsWith('.tmp')) {
        // A write that never reached its rename: the previous record is still intact.
        fs.rmSync(full, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        records.push(JSON.parse(fs.readFileSync(full, 'utf8')) as InstanceRecord);
      } catch (err) {
        throw new Error(
          `task hub record ${full} is unreadable (${(err as Error).message}); move it aside to start the host`,
        );
      }
    }
    return records;
  }

  /** Latest lastUpdatedTime in the hub, so a restarted scaled clock never runs backwards. */
  latestUpdate(): number | undefined {
    let latest: number | undefined;
    for (const record of this.loadAll()) {
      const t = Date.parse(record.lastUpdatedTime);
      if (!Number.isNaN(t) && (latest === undefined || t > latest)) latest = t;
    }
    return latest;
  }

  private syncDir(): void {
    const fd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
