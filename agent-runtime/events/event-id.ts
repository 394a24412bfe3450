// Event ids are deterministic, so a re-delivered or re-published event is dropped by duplicate detection.
import { createHash } from 'node:crypto';

export interface EventIdParts {
  runId: string;
  scenarioId: string;
  phase: string;
  burst?: number;
  /** Two executions of one phase (a crash, then its retry) number their events alike: the name keeps them apart. */
  executionName?: string;
  sequence: number;
}

const MAX_EVENT_ID_LENGTH = 128;

export function eventId(parts: EventIdParts): string {
  const prefix = [
    parts.runId,
    parts.scenarioId,
    parts.phase,
    ...(parts.burst === undefined ? [] : [`b${parts.burst}`]),
    ...(parts.executionName === undefined ? [] : [parts.executionName]),
  ].join(':');
  const sequence = String(parts.sequence).padStart(4, '0');
  const plain = `${prefix}:${sequence}`;
  if (plain.length <= MAX_EVENT_ID_LENGTH) return plain;
  return `${createHash('sha256').update(prefix).digest('hex').slice(0, 40)}:${sequence}`;
}
