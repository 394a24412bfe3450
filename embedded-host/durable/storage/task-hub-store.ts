import fs from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { InstanceRecord, OutboxMessage } from '../records';
import { syncDirectoryAsync, InstanceFiles } from './instance-files';
import { frameBatch, messageLine, removeLine } from './log-format';
import { BatchWrittenHook, LogSegment } from './log-segment';
import { loadTaskHub } from './load-task-hub';
import { CommittedRecord, materialize, RecordEncoder } from './record-codec';

export interface TaskHubStoreOptions {
  /** A log segment this large is folded into the checkpoint files and a new one begins (default 32 MiB). */
  segmentBytes?: number;
  /** Test hook: runs after each batch is written and before it is synced. */
  onBatchWritten?: BatchWrittenHook;
}

/** What a write changes in the store's view of the log once its batch is sealed. */
type Change =
  | { kind: 'none' }
  | { kind: 'put'; id: string; committed: CommittedRecord }
  | { kind: 'msg'; to: string; line: string }
  | { kind: 'del'; id: string };

interface Pending {
  line: string;
  change: Change;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The task hub on disk: an append-only log (`<dataDir>/taskhub/log/*.log`) in front of per-instance checkpoint
 * files (`instances/*.json`). Every write is a line in the log; writes that arrive while a batch is being written
 * and synced form the next batch (group commit), so a thousand instances saving at once cost a few fsyncs, and the
 * fsyncs run on libuv's thread pool, not on the event loop. A write's promise resolves once its batch is durable:
 * callers acknowledge nothing before that, so a SIGKILL (or power loss) at any moment loses nothing acknowledged.
 *
 * When a segment passes `segmentBytes`, a new one begins and the old one is folded into the checkpoint files in
 * the background (records as of the old segment's end, each file stamped with that segment), then deleted. Loading
 * replays, over the files, whatever segments are still there, skipping what a file already includes.
 */
export class TaskHubStore {
  readonly dir: string;
  private readonly files: InstanceFiles;
  private readonly logDir: string;
  private readonly encoder = new RecordEncoder();
  private readonly segmentBytes: number;
  private queue: Pending[] = [];
  private writing: Promise<void> | undefined;
  private folding: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;
  /** Per record changed in this segment, its last sealed put (undefined: removed): what the next fold writes. */
  private readonly sealed = new Map<string, CommittedRecord | undefined>();
  /** Messages whose receiver has not been put since: a fold carries them into the next segment. */
  private readonly unappliedMessages = new Map<string, string[]>();

  private constructor(
    dataDir: string,
    private segment: LogSegment,
    private readonly options: TaskHubStoreOptions,
  ) {
    this.dir = path.join(dataDir, 'taskhub', 'instances');
    this.files = new InstanceFiles(this.dir);
    this.logDir = path.join(dataDir, 'taskhub', 'log');
    this.segmentBytes = options.segmentBytes ?? 32 * 1024 * 1024;
  }

  /**
   * Loads the task hub (checkpoint files, then the log) and starts a fresh log segment holding the messages that
   * no receiver has applied yet; `messages` are those, for the engine to deliver again (repeats are dropped by id).
   */
  static async open(
    dataDir: string,
    options: TaskHubStoreOptions = {},
  ): Promise<{ store: TaskHubStore; records: InstanceRecord[]; messages: OutboxMessage[] }> {
    const files = new InstanceFiles(path.join(dataDir, 'taskhub', 'instances'));
    const logDir = path.join(dataDir, 'taskhub', 'log');
    fs.mkdirSync(logDir, { recursive: true });
    const hub = await loadTaskHub(files, logDir);
    const segment = await LogSegment.create(logDir, hub.nextSegment);
    const store = new TaskHubStore(dataDir, segment, options);
    if (hub.messages.length > 0) {
      await segment.append(frameBatch(hub.messages.map(messageLine)));
      for (const m of hub.messages) store.noteMessage(m.to, messageLine(m));
    }
    // Only now that the carried messages are durable in the new segment may the old log go.
    await hub.discardOldLog();
    for (const record of hub.records.values()) store.encoder.adopt(record);
    return { store, records: [...hub.records.values()], messages: hub.messages };
  }

  /** Durable when the promise resolves. The record is serialised now: later changes are not part of this write. */
  save(record: InstanceRecord): Promise<void> {
    const { line, committed } = this.encoder.encodePut(record);
    return this.submit(line, { kind: 'put', id: record.instanceId, committed });
  }

  /** Makes one delivered message durable without rewriting its receiver's record. */
  appendMessage(receiverId: string, message: OutboxMessage): Promise<void> {
    const line = messageLine(message);
    return this.submit(line, { kind: 'msg', to: receiverId, line });
  }

  remove(instanceId: string): Promise<void> {
    this.encoder.forget(instanceId);
    return this.submit(removeLine(instanceId), { kind: 'del', id: instanceId });
  }

  /** Resolves when every write submitted so far is durable. */
  sync(): Promise<void> {
    return this.submit('', { kind: 'none' });
  }

  /** Waits for every write so far, then folds the log into the checkpoint files, so the next start loads fast. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await this.folding;
    if (this.failure === undefined && (this.sealed.size > 0 || this.segment.size > 0)) {
      await this.rotate();
      await this.folding;
    }
    await this.segment.close();
    if (this.failure !== undefined) throw this.failure;
  }

  private submit(line: string, change: Change): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('task hub store is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, change, resolve, reject });
      if (!this.writing) this.writing = this.writeBatches();
    });
  }

  /** The group commit: one batch at a time; what arrives meanwhile is the next batch. */
  private async writeBatches(): Promise<void> {
    try {
      // Writes made in the same turn of the event loop (an episode's put and its messages) share the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0 && this.failure === undefined) {
        const batch = this.queue;
        this.queue = [];
        await this.writeBatch(batch);
        if (this.failure === undefined && this.segment.size >= this.segmentBytes && !this.folding)
          await this.rotate().catch((err: unknown) => (this.failure = err));
      }
      for (const p of this.queue.splice(0)) p.reject(this.failure);
    } finally {
      // Reached in the same turn as the loop's last look at the queue (no await in between): a write submitted
      // from here on finds no loop running and starts one.
      this.writing = undefined;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    for (const p of batch) this.seal(p.change);
    const lines = batch.map((p) => p.line).filter((line) => line.length > 0);
    try {
      if (lines.length > 0) await this.segment.append(frameBatch(lines), this.options.onBatchWritten);
    } catch (err) {
      // Later batches would build on one the disk may not hold: stop persisting, acknowledge nothing more.
      this.failure = new Error(`task hub log ${this.segment.file}: write failed: ${(err as Error).message}`);
    }
    for (const p of batch) {
      if (this.failure === undefined) p.resolve();
      else p.reject(this.failure);
    }
  }

  private seal(change: Change): void {
    if (change.kind === 'none') return;
    if (change.kind === 'msg') {
      this.noteMessage(change.to, change.line);
      return;
    }
    this.sealed.set(change.id, change.kind === 'put' ? change.committed : undefined);
    this.unappliedMessages.delete(change.id);
  }

  private noteMessage(receiverId: string, line: string): void {
    const lines = this.unappliedMessages.get(receiverId);
    if (lines) lines.push(line);
    else this.unappliedMessages.set(receiverId, [line]);
  }

  /** Starts a new segment (with the messages no receiver has applied yet) and folds the old one in the background. */
  private async rotate(): Promise<void> {
    const old = this.segment;
    const fold = [...this.sealed];
    // The fold holds what it needs; records put again from here on are sealed afresh.
    this.sealed.clear();
    const next = await LogSegment.create(this.logDir, old.seq + 1);
    const carried = [...this.unappliedMessages.values()].flat();
    if (carried.length > 0) await next.append(frameBatch(carried));
    this.segment = next;
    await old.close();
    this.folding = this.fold(old, fold)
      .catch((err: unknown) => {
        this.failure ??= new Error(`folding task hub log ${old.file} failed: ${(err as Error).message}`);
      })
      .finally(() => (this.folding = undefined));
  }

  private async fold(old: LogSegment, records: [string, CommittedRecord | undefined][]): Promise<void> {
    const limit = pLimit(4);
    await Promise.all(
      records.map(([id, committed]) =>
        limit(() =>
          committed ? this.files.write(id, materialize(committed, old.seq)) : this.files.remove(id),
        ),
      ),
    );
    await this.files.syncDir();
    await fs.promises.rm(old.file, { force: true });
    await syncDirectoryAsync(this.logDir);
  }
}
