// A fault of the sandbox broker: at-least-once delivery. A matching message sent to a queue is delivered again, with the
// same message id (copies bypass duplicate detection, as a redelivery after a lost lock does: it is the same message).
import type { Message as RheaMessage } from 'rhea';
import { copyMessage, readableBody } from './amqp-codec';
import type { MessageEntity } from './message-entity';

export interface RedeliveryRule {
  queue: string;
  /** Sees the message body as `state()` shows it. */
  matches(body: unknown): boolean;
  /** Deliveries in all (the message and copies - 1 more), same message id: what a lost lock causes. */
  copies: number;
  /** How many matching messages are redelivered. */
  times: number;
}

export interface Redelivered {
  queue: string;
  messageId?: string;
  copies: number;
}

export class Redeliveries {
  private readonly rules: RedeliveryRule[] = [];
  private readonly done: Redelivered[] = [];

  add(rule: RedeliveryRule): void {
    this.rules.push({ ...rule });
  }

  /** After a message was accepted by a queue: enqueue the copies a rule asks for. */
  afterSend(queue: { name: string; entity: MessageEntity }, message: RheaMessage): void {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 && r.queue.toLowerCase() === queue.name.toLowerCase() && r.matches(readableBody(message)),
    );
    if (!rule) return;
    rule.times--;
    for (let i = 1; i < rule.copies; i++) queue.entity.enqueue(copyMessage(message));
    const id = message.message_id;
    this.done.push({
      queue: queue.name,
      messageId: id === undefined ? undefined : String(id),
      copies: rule.copies,
    });
  }

  /** The messages a rule copied. */
  list(): Redelivered[] {
    return this.done.map((r) => ({ ...r }));
  }
}
