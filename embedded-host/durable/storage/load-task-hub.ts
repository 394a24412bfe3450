import fs from 'node:fs';
import pLimit from 'p-limit';
import type { InstanceRecord, OutboxMessage } from '../records';
import { InstanceFiles, syncDirectoryAsync } from './instance-files';
import { listSegments, readSegment } from './log-segment';
import { applyEntry, SEGMENT_FIELD } from './record-codec';

export interface LoadedTaskHub {
  records: Map<string, InstanceRecord>;
  /** Messages in the log that their receivers have not applied yet, in log order. */
  messages: OutboxMessage[];
  nextSegment: number;
  /** Deletes the old log; call once the carried messages are durable elsewhere. */
  discardOldLog(): Promise<void>;
}

/**
 * Reads the checkpoint files, replays the log segments over them (an entry a file already includes is skipped),
 * and writes every record the log changed back to its file, so that the old log can go.
 */
export async function loadTaskHub(files: InstanceFiles, logDir: string): Promise<LoadedTaskHub> {
  const { records, segmentOf } = files.loadAll();
  const segments = listSegments(logDir);
  const messages: OutboxMessage[] = files.legacyMessages();
  const changed = new Set<string>();
  segments.forEach(({ seq, file }, index) => {
    const log = readSegment(file);
    if (log.torn && index < segments.length - 1)
      throw new Error(
        `task hub log ${file} is damaged at byte ${log.validBytes}, and later segments were written after it — move the task hub aside to start the host`,
      );
    for (const batch of log.batches)
      for (const entry of batch) {
        if (entry.t !== 'msg' && (segmentOf.get(entry.id) ?? -1) >= seq) continue;
        applyEntry(records, entry, (m) => messages.push(m));
        if (entry.t !== 'msg') changed.add(entry.id);
      }
  });
  const last = segments.at(-1)?.seq ?? 0;
  const limit = pLimit(4);
  await Promise.all(
    [...changed].map((id) =>
      limit(() => {
        const record = records.get(id);
        return record
          ? files.write(id, JSON.stringify({ ...record, [SEGMENT_FIELD]: last }))
          : files.remove(id);
      }),
    ),
  );
  if (changed.size > 0) await files.syncDir();
  const seen = new Map<string, Set<string>>();
  const applied = (m: OutboxMessage): boolean => {
    const receiver = records.get(m.to);
    if (!receiver) return false;
    let ids = seen.get(m.to);
    if (!ids) seen.set(m.to, (ids = new Set(receiver.seenMessageIds)));
    return ids.has(m.id);
  };
  return {
    records,
    messages: messages.filter((m) => !applied(m)),
    nextSegment: last + 1,
    discardOldLog: async () => {
      for (const { file } of segments) await fs.promises.rm(file, { force: true });
      if (segments.length > 0) await syncDirectoryAsync(logDir);
      files.removeLegacyJournals();
      await files.syncDir();
    },
  };
}
