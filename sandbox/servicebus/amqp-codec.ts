import { randomUUID } from 'node:crypto';
import rhea = require('rhea');
import type { Message as RheaMessage } from 'rhea';
import type { StoredMessage } from './message-entity';

/** The message format `@azure/service-bus` uses for `sendMessages([...])` and batches. */
export const BATCH_MESSAGE_FORMAT = 0x80013700;

/**
 * Turns one transfer into the messages it carries: a batch envelope holds each message, fully
 * encoded, in its own data section.
 */
export function unpackTransfer(payload: RheaMessage | Buffer, format: number | undefined): RheaMessage[] {
  if (!Buffer.isBuffer(payload)) return [withMessageId(payload)];
  const envelope = rhea.message.decode(payload) as unknown as RheaMessage;
  if (format !== BATCH_MESSAGE_FORMAT) return [withMessageId(envelope)];
  const body = envelope.body as { content?: Buffer | Buffer[]; multiple?: boolean } | undefined;
  const parts =
    body?.content === undefined
      ? []
      : Array.isArray(body.content) && body.multiple
        ? body.content
        : [body.content as Buffer];
  return parts.map((part) => withMessageId(rhea.message.decode(part) as unknown as RheaMessage));
}

/** A deep, prototype-preserving copy (a topic hands one to each subscription). */
export function copyMessage(message: RheaMessage): RheaMessage {
  return rhea.message.decode(rhea.message.encode(message)) as unknown as RheaMessage;
}

/** Service Bus assigns a message id when the sender gave none. */
function withMessageId(message: RheaMessage): RheaMessage {
  if (message.message_id === undefined || message.message_id === null)
    message.message_id = randomUUID().replace(/-/g, '');
  return message;
}

/** The message as a receiver gets it: broker annotations, delivery count, dead-letter details. */
export function toDelivered(stored: StoredMessage): RheaMessage {
  const out = copyMessage(stored.message);
  out.delivery_count = stored.deliveryCount;
  const annotations: Record<string, unknown> = {
    ...(out.message_annotations ?? {}),
    'x-opt-sequence-number': rhea.types.wrap_long(stored.sequenceNumber),
    'x-opt-enqueue-sequence-number': rhea.types.wrap_long(stored.sequenceNumber),
    'x-opt-enqueued-time': new Date(stored.enqueuedAtMs),
  };
  if (stored.lockedUntilMs !== undefined) annotations['x-opt-locked-until'] = new Date(stored.lockedUntilMs);
  if (stored.deadLetterSource !== undefined) annotations['x-opt-deadletter-source'] = stored.deadLetterSource;
  if (stored.deferred) annotations['x-opt-message-state'] = 1;
  out.message_annotations = annotations;
  if (stored.deadLetterSource !== undefined) {
    out.application_properties = {
      ...(out.application_properties ?? {}),
      ...(stored.deadLetterReason !== undefined ? { DeadLetterReason: stored.deadLetterReason } : {}),
      ...(stored.deadLetterErrorDescription !== undefined
        ? { DeadLetterErrorDescription: stored.deadLetterErrorDescription }
        : {}),
    };
  }
  return out;
}

/** The body as a test wants to read it: parsed JSON when the sender sent JSON, else text or bytes. */
export function readableBody(message: RheaMessage): unknown {
  const body = message.body as unknown;
  const bytes =
    isSection(body) && Buffer.isBuffer(body.content)
      ? body.content
      : Buffer.isBuffer(body)
        ? body
        : undefined;
  if (bytes === undefined) return isSection(body) ? body.content : body;
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isSection(value: unknown): value is { typecode: number; content: unknown } {
  return typeof value === 'object' && value !== null && 'typecode' in value && 'content' in value;
}
