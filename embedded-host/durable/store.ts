import fs from 'node:fs';
import path from 'node:path';
import { InstanceRecord } from './records';

/**
 * One JSON file per instance under `<dataDir>/taskhub/instances/`. Every write goes to a temp file,
 * is fsync'd, renamed over the old file and the directory is fsync'd, so a SIGKILL leaves either
 * the old or the new record, never a torn one.
 */
export class TaskHubStore {
  readonly dir: string;

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
  }

  remove(instanceId: string): void {
    fs.rmSync(this.file(instanceId), { force: true });
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
        throw new Error(`task hub record ${full} is unreadable (${(err as Error).message}); move it aside to start the host`);
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
