import { readableBody } from './amqp-codec';
import type { MessageEntity, StoredMessage } from './message-entity';

export interface MessageSnapshot {
  sequenceNumber: number;
  messageId?: string;
  subject?: string;
  contentType?: string;
  correlationId?: string;
  body: unknown;
  applicationProperties?: Record<string, unknown>;
  deliveryCount: number;
  enqueuedTimeUtc: string;
  locked: boolean;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
}

export interface EntityMessages {
  active: MessageSnapshot[];
  deadLetter: MessageSnapshot[];
}

/** Plain-data copy of every entity's messages, for tests and `sandbox.state()`. */
export function snapshotMessages(entities: MessageEntity[]): Record<string, EntityMessages> {
  const out: Record<string, EntityMessages> = {};
  for (const entity of entities) {
    out[entity.path] = {
      active: entity.active.map(toSnapshot),
      deadLetter: entity.deadLetter.map(toSnapshot),
    };
  }
  return out;
}

function toSnapshot(stored: StoredMessage): MessageSnapshot {
  const m = stored.message;
  return stripUndefined({
    sequenceNumber: stored.sequenceNumber,
    messageId: m.message_id === undefined ? undefined : String(m.message_id),
    subject: m.subject,
    contentType: m.content_type,
    correlationId: m.correlation_id === undefined ? undefined : String(m.correlation_id),
    body: readableBody(m),
    applicationProperties: m.application_properties ? { ...m.application_properties } : undefined,
    deliveryCount: stored.deliveryCount,
    enqueuedTimeUtc: new Date(stored.enqueuedAtMs).toISOString(),
    locked: stored.lockToken !== undefined,
    deadLetterReason: stored.deadLetterReason,
    deadLetterErrorDescription: stored.deadLetterErrorDescription,
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
