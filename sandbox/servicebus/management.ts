import rhea = require('rhea');
import type { Message as RheaMessage } from 'rhea';
import { toDelivered } from './amqp-codec';
import type { SettleResult } from './message-entity';
import type { ReceiveSource } from './namespace';

export interface ManagementReply {
  statusCode: number;
  description: string;
  errorCondition?: string;
  body?: unknown;
}

/** `$cbs` put-token: every token is accepted (the sandbox checks no signatures). */
export function handleCbs(request: RheaMessage): ManagementReply {
  const operation = request.application_properties?.operation;
  if (operation !== 'put-token') return notImplemented(String(operation));
  return { statusCode: 200, description: 'OK' };
}

/** `<entity>/$management` operations the SDK sends for locks, settlement and peek. */
export function handleManagement(source: ReceiveSource, request: RheaMessage): ManagementReply {
  const operation = String(request.application_properties?.operation ?? '');
  const body = (request.body ?? {}) as Record<string, unknown>;
  const { entity, subQueue } = source;
  switch (operation) {
    case 'com.microsoft:renew-lock': {
      const expirations: Date[] = [];
      for (const token of lockTokens(body, entity)) {
        const result = entity.renewLock(token);
        if (!result.ok) return failure(result);
        expirations.push(new Date(result.lockedUntilMs));
      }
      return { statusCode: 200, description: 'OK', body: { expirations } };
    }
    case 'com.microsoft:update-disposition': {
      const status = String(body['disposition-status'] ?? '');
      const props = body['properties-to-modify'] as Record<string, unknown> | undefined;
      for (const token of lockTokens(body, entity)) {
        let result: SettleResult;
        if (status === 'completed') result = entity.complete(token);
        else if (status === 'abandoned') result = entity.abandon(token, props);
        else if (status === 'defered') result = entity.defer(token);
        else if (status === 'suspended') {
          result = entity.deadLetterMessage(
            token,
            optionalString(body['deadletter-reason']),
            optionalString(body['deadletter-description']),
            props,
          );
        } else return notImplemented(`update-disposition ${status}`);
        if (!result.ok) return failure(result);
      }
      return { statusCode: 200, description: 'OK', body: {} };
    }
    case 'com.microsoft:receive-by-sequence-number': {
      const raw = body['sequence-numbers'];
      const numbers = (Array.isArray(raw) ? raw : [raw])
        .map(toNumber)
        .filter((n): n is number => n !== undefined);
      // receiver-settle-mode 0 is receive-and-delete, 1 peek-lock (as the SDK sends it).
      const receiveAndDelete = toNumber(body['receiver-settle-mode']) === 0;
      const found = entity.receiveDeferred(numbers, subQueue, receiveAndDelete);
      if (found.length < numbers.length) {
        return {
          statusCode: 404,
          description: `Some of the sequence numbers ${numbers.join(', ')} are not deferred messages of ${entity.path}.`,
          errorCondition: 'com.microsoft:message-not-found',
        };
      }
      return {
        statusCode: 200,
        description: 'OK',
        body: {
          messages: found.map(({ stored, token }) => ({
            message: rhea.message.encode(toDelivered(stored)),
            ...(token ? { 'lock-token': rhea.string_to_uuid(token) } : {}),
          })),
        },
      };
    }
    case 'com.microsoft:peek-message': {
      const from = toNumber(body['from-sequence-number']) ?? 1;
      const count = toNumber(body['message-count']) ?? 1;
      const found = entity.peek(from, count, subQueue);
      if (found.length === 0) return { statusCode: 204, description: 'No Content', body: {} };
      return {
        statusCode: 200,
        description: 'OK',
        body: { messages: found.map((m) => ({ message: rhea.message.encode(toDelivered(m)) })) },
      };
    }
    default:
      return notImplemented(operation);
  }
}

/** The response message as `@azure/core-amqp`'s request-response link reads it. */
export function toResponse(request: RheaMessage, reply: ManagementReply): RheaMessage {
  const properties: Record<string, unknown> = {
    'status-code': reply.statusCode,
    statusCode: reply.statusCode,
    'status-description': reply.description,
    statusDescription: reply.description,
  };
  if (reply.errorCondition) properties['error-condition'] = reply.errorCondition;
  return {
    correlation_id: request.message_id,
    to: request.reply_to,
    application_properties: properties,
    body: reply.body ?? {},
  } as RheaMessage;
}

/**
 * Tokens of messages received on a link come back in .NET order; tokens of deferred messages
 * (received through $management) in plain order. Whichever names a held lock is the one.
 */
function lockTokens(body: Record<string, unknown>, entity: { hasLock(token: string): boolean }): string[] {
  const raw = body['lock-tokens'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((t) => {
    const bytes = Buffer.isBuffer(t) ? t : rhea.string_to_uuid(String(t));
    const swapped = rhea.uuid_to_string(swapGuidByteOrder(bytes));
    return entity.hasLock(swapped) ? swapped : rhea.uuid_to_string(bytes);
  });
}

/**
 * The SDK shows lock tokens in .NET GUID byte order (first three groups byte-swapped) and sends
 * them back that way; the broker keys locks by the delivery tag's plain order.
 */
export function swapGuidByteOrder(bytes: Buffer): Buffer {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return Buffer.from(order.map((i) => bytes[i]));
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value) && value.length === 8) return Number(value.readBigInt64BE(0));
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function failure(result: { condition: string; description: string }): ManagementReply {
  return { statusCode: 410, description: result.description, errorCondition: result.condition };
}

function notImplemented(operation: string): ManagementReply {
  return {
    statusCode: 501,
    description: `The sandbox broker does not implement the management operation '${operation}'. Add it to sandbox/servicebus/management.ts if HayMaker needs it.`,
    errorCondition: 'amqp:not-implemented',
  };
}
