import type { InstanceRecord } from '../records';
import type { LogEntry } from './log-format';

/**
 * Fields the engine only ever extends, or replaces with a new array (rewind, continue-as-new): never edits in
 * place. That is what lets a put carry only their new items, and a checkpoint rebuild a committed record from the
 * array it saw plus the length it had then.
 */
export const APPEND_ONLY_FIELDS: ReadonlySet<string> = new Set(['history', 'decisions', 'seenMessageIds']);

/** A record as of its last put: the JSON of its other fields, and each append-only array with its length then. */
export interface CommittedRecord {
  restJson: string;
  arrays: Record<string, { ref: readonly unknown[]; length: number }>;
}

interface ArrayMark {
  ref: readonly unknown[];
  length: number;
  last: unknown;
}

/** Encodes puts, remembering per record what the log already holds of each append-only array. */
export class RecordEncoder {
  private readonly marks = new Map<string, Map<string, ArrayMark>>();

  /** The log already holds `record` as it is now (loaded from disk): the next put carries only what is new. */
  adopt(record: InstanceRecord): void {
    const marks = new Map<string, ArrayMark>();
    for (const [field, value] of Object.entries(record))
      if (APPEND_ONLY_FIELDS.has(field) && Array.isArray(value)) marks.set(field, markOf(value));
    this.marks.set(record.instanceId, marks);
  }

  forget(instanceId: string): void {
    this.marks.delete(instanceId);
  }

  encodePut(record: InstanceRecord): { line: string; committed: CommittedRecord } {
    const rest: Record<string, unknown> = {};
    const deltas: string[] = [];
    const arrays: CommittedRecord['arrays'] = {};
    const previous = this.marks.get(record.instanceId);
    const marks = new Map<string, ArrayMark>();
    for (const [field, value] of Object.entries(record)) {
      if (!APPEND_ONLY_FIELDS.has(field) || !Array.isArray(value)) {
        rest[field] = value;
        continue;
      }
      const mark = previous?.get(field);
      const from = mark && grewFrom(value, mark) ? mark.length : 0;
      deltas.push(`${JSON.stringify(field)}:[${from},${JSON.stringify(value.slice(from))}]`);
      marks.set(field, markOf(value));
      arrays[field] = { ref: value, length: value.length };
    }
    this.marks.set(record.instanceId, marks);
    const restJson = JSON.stringify(rest);
    const line = `{"t":"put","id":${JSON.stringify(record.instanceId)},"rec":${restJson},"arrays":{${deltas.join(',')}}}\n`;
    return { line, committed: { restJson, arrays } };
  }
}

function markOf(value: readonly unknown[]): ArrayMark {
  return { ref: value, length: value.length, last: value[value.length - 1] };
}

/** Same array, grown or unchanged, its last known item still in place: a cheap guard against in-place edits. */
function grewFrom(value: readonly unknown[], mark: ArrayMark): boolean {
  return (
    value === mark.ref &&
    value.length >= mark.length &&
    (mark.length === 0 || value[mark.length - 1] === mark.last)
  );
}

/** The full JSON of a committed record, as a checkpoint file holds it, stamped with the log segment it covers. */
export function materialize(committed: CommittedRecord, segment: number): string {
  const parts = Object.entries(committed.arrays).map(
    ([field, { ref, length }]) => `${JSON.stringify(field)}:${JSON.stringify(ref.slice(0, length))}`,
  );
  parts.push(`${JSON.stringify(SEGMENT_FIELD)}:${segment}`);
  const inner = committed.restJson.slice(1, -1);
  return `{${inner}${inner ? ',' : ''}${parts.join(',')}}`;
}

/** Written into checkpoint files: the log segment whose entries the file already includes. */
export const SEGMENT_FIELD = '$logSegment';

/** Applies one log entry while loading the hub; `onMessage` receives deliveries in log order. */
export function applyEntry(
  records: Map<string, InstanceRecord>,
  entry: LogEntry,
  onMessage: (message: Extract<LogEntry, { t: 'msg' }>['m']) => void,
): void {
  if (entry.t === 'msg') {
    onMessage(entry.m);
    return;
  }
  if (entry.t === 'del') {
    records.delete(entry.id);
    return;
  }
  const base = records.get(entry.id) as Record<string, unknown> | undefined;
  const record: Record<string, unknown> = { ...entry.rec };
  for (const [field, [from, items]] of Object.entries(entry.arrays)) {
    const before = (base?.[field] as unknown[] | undefined) ?? [];
    if (from > before.length)
      throw new Error(
        `task hub log: ${entry.id}.${field} continues from item ${from} but only ${before.length} are known — the log or a checkpoint file is damaged`,
      );
    // In place: the loader owns these arrays, and copying a long history for every entry would be quadratic.
    before.length = from;
    for (const item of items) before.push(item);
    record[field] = before;
  }
  records.set(entry.id, record as unknown as InstanceRecord);
}
