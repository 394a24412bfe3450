// The audit store of local runs without storage: the in-memory store's semantics, made durable by an append-only
// journal replayed at start. A killed `haymaker start` resumes its run with the events it had already stored, so
// the final report is complete. Each append is fsync'd; a torn last line (killed mid-write) is skipped on replay.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AuditEventRecord, AuditStore, LedgerUpdate } from './audit-store';
import { createMemoryAuditStore } from './memory-audit-store';

type JournalEntry = { kind: 'event'; event: AuditEventRecord } | { kind: 'resource'; update: LedgerUpdate };

export const AUDIT_JOURNAL_FILE = 'audit-journal.jsonl';

function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A line torn by a crash in the middle of a write: everything before it is intact.
    }
  }
  return entries;
}

export async function createFileAuditStore(dir: string): Promise<AuditStore> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, AUDIT_JOURNAL_FILE);
  // Close a torn last line, so the next append starts on a line of its own.
  if (existsSync(path) && !readFileSync(path, 'utf8').endsWith('\n') && statSync(path).size > 0)
    appendFileSync(path, '\n');
  const memory = createMemoryAuditStore();
  for (const entry of readJournal(path)) {
    if (entry.kind === 'event') await memory.recordEvent(entry.event);
    else await memory.recordResource(entry.update);
  }
  const append = (entry: JournalEntry) => {
    const fd = openSync(path, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  return {
    async recordEvent(event) {
      const result = await memory.recordEvent(event);
      if (result === 'recorded') append({ kind: 'event', event });
      return result;
    },
    listEvents: (runId) => memory.listEvents(runId),
    async recordResource(update) {
      await memory.recordResource(update);
      append({ kind: 'resource', update });
    },
    listLedger: (runId, scenarioId) => memory.listLedger(runId, scenarioId),
  };
}
