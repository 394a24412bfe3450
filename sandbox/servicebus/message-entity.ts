import { randomUUID } from 'node:crypto';
import type { Message as RheaMessage } from 'rhea';
import type { MessageEntitySettings } from './broker-options';

export type SubQueue = 'active' | 'deadletter';

export interface StoredMessage {
  sequenceNumber: number;
  enqueuedAtMs: number;
  /** The message as the sender encoded it (rhea's decoded form, body section kept as sent). */
  message: RheaMessage;
  deliveryCount: number;
  lockToken?: string;
  lockedUntilMs?: number;
  lockTimer?: NodeJS.Timeout;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
  deadLetterSource?: string;
  /** Set aside by defer: received again only by sequence number. */
  deferred?: boolean;
}

export type SettleResult = { ok: true } | { ok: false; condition: string; description: string };

interface Lock {
  stored: StoredMessage;
  subQueue: SubQueue;
}

/**
 * One queue or subscription: its active messages, its dead-letter sub-queue and the peek-locks
 * held on either. Lock expiry puts a message back (or dead-letters it past maxDeliveryCount), as
 * Service Bus does.
 */
export class MessageEntity {
  readonly active: StoredMessage[] = [];
  readonly deadLetter: StoredMessage[] = [];
  private readonly locks = new Map<string, Lock>();
  private nextSequenceNumber = 1;

  constructor(
    readonly path: string,
    readonly settings: MessageEntitySettings,
    /** Called whenever a message may have become available for delivery. */
    private readonly onAvailable: () => void,
  ) {}

  enqueue(message: RheaMessage): StoredMessage {
    const stored: StoredMessage = {
      sequenceNumber: this.nextSequenceNumber++,
      enqueuedAtMs: Date.now(),
      message,
      deliveryCount: 0,
    };
    this.active.push(stored);
    this.onAvailable();
    return stored;
  }

  list(subQueue: SubQueue): StoredMessage[] {
    return subQueue === 'active' ? this.active : this.deadLetter;
  }

  /** The oldest message nobody holds a lock on. */
  nextAvailable(subQueue: SubQueue): StoredMessage | undefined {
    return this.list(subQueue).find((m) => m.lockToken === undefined && !m.deferred);
  }

  hasLock(token: string): boolean {
    return this.locks.has(token);
  }

  /** Defer: the message stays, out of normal delivery, until received by its sequence number. */
  defer(token: string): SettleResult {
    const lock = this.locks.get(token);
    if (!lock) return lockLost(token);
    this.release(lock);
    lock.stored.deferred = true;
    return { ok: true };
  }

  /** Deferred messages by sequence number: locked (peek-lock) or removed (receive-and-delete). */
  receiveDeferred(
    sequenceNumbers: number[],
    subQueue: SubQueue,
    receiveAndDelete: boolean,
  ): { stored: StoredMessage; token?: string }[] {
    const wanted = new Set(sequenceNumbers);
    const found = this.list(subQueue).filter(
      (m) => m.deferred && wanted.has(m.sequenceNumber) && m.lockToken === undefined,
    );
    return found.map((stored) => {
      if (receiveAndDelete) {
        this.take(stored, subQueue);
        return { stored };
      }
      return { stored, token: this.lock(stored, subQueue) };
    });
  }

  lock(stored: StoredMessage, subQueue: SubQueue): string {
    const token = randomUUID();
    stored.deliveryCount += 1;
    stored.lockToken = token;
    this.locks.set(token, { stored, subQueue });
    this.armLock(stored, token);
    return token;
  }

  /** Receive-and-delete: the message leaves the entity as it is delivered. */
  take(stored: StoredMessage, subQueue: SubQueue): void {
    stored.deliveryCount += 1;
    this.remove(stored, subQueue);
  }

  complete(token: string): SettleResult {
    const lock = this.locks.get(token);
    if (!lock) return lockLost(token);
    this.release(lock);
    this.remove(lock.stored, lock.subQueue);
    return { ok: true };
  }

  abandon(token: string, propertiesToModify?: Record<string, unknown>): SettleResult {
    const lock = this.locks.get(token);
    if (!lock) return lockLost(token);
    this.release(lock);
    if (propertiesToModify) mergeAnnotations(lock.stored, propertiesToModify);
    this.returnOrDeadLetter(lock);
    return { ok: true };
  }

  deadLetterMessage(
    token: string,
    reason?: string,
    description?: string,
    propertiesToModify?: Record<string, unknown>,
  ): SettleResult {
    const lock = this.locks.get(token);
    if (!lock) return lockLost(token);
    this.release(lock);
    if (propertiesToModify) mergeAnnotations(lock.stored, propertiesToModify);
    if (lock.subQueue === 'deadletter') {
      // Dead-lettering a dead-lettered message leaves it where it is, as Service Bus does.
      this.onAvailable();
      return { ok: true };
    }
    this.moveToDeadLetter(lock.stored, reason, description);
    return { ok: true };
  }

  renewLock(token: string): { ok: true; lockedUntilMs: number } | (SettleResult & { ok: false }) {
    const lock = this.locks.get(token);
    if (!lock) return lockLost(token);
    this.armLock(lock.stored, token);
    return { ok: true, lockedUntilMs: lock.stored.lockedUntilMs ?? Date.now() };
  }

  peek(fromSequenceNumber: number, count: number, subQueue: SubQueue): StoredMessage[] {
    return this.list(subQueue)
      .filter((m) => m.sequenceNumber >= fromSequenceNumber)
      .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
      .slice(0, count);
  }

  close(): void {
    for (const { stored } of this.locks.values()) clearTimeout(stored.lockTimer);
    this.locks.clear();
  }

  private armLock(stored: StoredMessage, token: string): void {
    clearTimeout(stored.lockTimer);
    stored.lockedUntilMs = Date.now() + this.settings.lockDurationInMs;
    stored.lockTimer = setTimeout(() => this.expire(token), this.settings.lockDurationInMs);
    stored.lockTimer.unref();
  }

  private expire(token: string): void {
    const lock = this.locks.get(token);
    if (!lock) return;
    this.release(lock);
    this.returnOrDeadLetter(lock);
  }

  private returnOrDeadLetter(lock: Lock): void {
    if (lock.subQueue === 'active' && lock.stored.deliveryCount >= this.settings.maxDeliveryCount) {
      this.moveToDeadLetter(
        lock.stored,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${this.settings.maxDeliveryCount} delivery attempts.`,
      );
      return;
    }
    this.onAvailable();
  }

  private release(lock: Lock): void {
    clearTimeout(lock.stored.lockTimer);
    if (lock.stored.lockToken) this.locks.delete(lock.stored.lockToken);
    lock.stored.lockTimer = undefined;
    lock.stored.lockToken = undefined;
    lock.stored.lockedUntilMs = undefined;
  }

  private remove(stored: StoredMessage, subQueue: SubQueue): void {
    const list = this.list(subQueue);
    const index = list.indexOf(stored);
    if (index >= 0) list.splice(index, 1);
  }

  private moveToDeadLetter(stored: StoredMessage, reason?: string, description?: string): void {
    this.remove(stored, 'active');
    stored.deadLetterReason = reason;
    stored.deadLetterErrorDescription = description;
    stored.deadLetterSource = this.path;
    this.deadLetter.push(stored);
    this.onAvailable();
  }
}

function lockLost(token: string): { ok: false; condition: string; description: string } {
  return {
    ok: false,
    condition: 'com.microsoft:message-lock-lost',
    description: `The lock supplied (${token}) is invalid: it expired or the message was already settled. Receive the message again.`,
  };
}

function mergeAnnotations(stored: StoredMessage, properties: Record<string, unknown>): void {
  stored.message.message_annotations = { ...(stored.message.message_annotations ?? {}), ...properties };
}
