import type { Message as RheaMessage } from 'rhea';
import {
  DEFAULT_QUEUE,
  messageEntitySettingsSchema,
  type MessageEntitySettings,
  type ParsedBrokerOptions,
} from './broker-options';
import { copyMessage } from './amqp-codec';
import { DuplicateDetector } from './duplicate-detector';
import { MessageEntity, type SubQueue } from './message-entity';

interface Queue {
  kind: 'queue';
  name: string;
  entity: MessageEntity;
  duplicates?: DuplicateDetector;
}

interface Topic {
  kind: 'topic';
  name: string;
  subscriptions: Map<string, MessageEntity>;
  duplicates?: DuplicateDetector;
}

export type SendTarget = Queue | Topic;
export interface ReceiveSource {
  entity: MessageEntity;
  subQueue: SubQueue;
}

export type ResolvedAddress =
  | { kind: 'cbs' }
  | { kind: 'management'; source: ReceiveSource }
  | { kind: 'entity'; send?: SendTarget; receive?: ReceiveSource }
  | { kind: 'unknown'; address: string };

/** The broker's queues and topics and how AMQP link addresses map onto them. */
export class ServiceBusNamespace {
  private readonly queues = new Map<string, Queue>();
  private readonly topics = new Map<string, Topic>();

  constructor(
    options: ParsedBrokerOptions,
    private readonly onAvailable: (entity: MessageEntity) => void,
  ) {
    this.createQueue(DEFAULT_QUEUE, {
      ...messageEntitySettingsSchema.parse({}),
      requiresDuplicateDetection: true,
    });
    for (const q of options.queues) this.createQueue(q.name, q);
    for (const t of options.topics) {
      const topic: Topic = {
        kind: 'topic',
        name: t.name,
        subscriptions: new Map(),
        duplicates: t.requiresDuplicateDetection
          ? new DuplicateDetector(t.duplicateDetectionWindowInMs)
          : undefined,
      };
      this.topics.set(t.name.toLowerCase(), topic);
      for (const s of t.subscriptions) this.createSubscription(t.name, s.name, s);
    }
  }

  createQueue(name: string, settings?: Partial<MessageEntitySettings>): void {
    const parsed = messageEntitySettingsSchema.parse(settings ?? {});
    const existing = this.queues.get(name.toLowerCase());
    if (existing) existing.entity.close();
    const entity: MessageEntity = new MessageEntity(name, parsed, () => this.onAvailable(entity));
    this.queues.set(name.toLowerCase(), {
      kind: 'queue',
      name,
      entity,
      duplicates: parsed.requiresDuplicateDetection
        ? new DuplicateDetector(parsed.duplicateDetectionWindowInMs)
        : undefined,
    });
  }

  createSubscription(topicName: string, name: string, settings?: Partial<MessageEntitySettings>): void {
    const topic = this.topics.get(topicName.toLowerCase());
    if (!topic)
      throw new Error(
        `cannot create subscription ${name}: topic ${topicName} does not exist; list it in the broker's topics option first`,
      );
    const parsed = messageEntitySettingsSchema.parse(settings ?? {});
    const entity: MessageEntity = new MessageEntity(`${topic.name}/Subscriptions/${name}`, parsed, () =>
      this.onAvailable(entity),
    );
    topic.subscriptions.set(name.toLowerCase(), entity);
  }

  queueNames(): string[] {
    return [...this.queues.values()].map((q) => q.name);
  }

  topicNames(): string[] {
    return [...this.topics.values()].map((t) => t.name);
  }

  /** Every entity holding messages (queues and subscriptions). */
  entities(): MessageEntity[] {
    return [
      ...[...this.queues.values()].map((q) => q.entity),
      ...[...this.topics.values()].flatMap((t) => [...t.subscriptions.values()]),
    ];
  }

  /** Accepts a sent message; false when duplicate detection dropped it. */
  send(target: SendTarget, message: RheaMessage): boolean {
    const id = message.message_id === undefined ? undefined : String(message.message_id);
    if (target.duplicates && id !== undefined && target.duplicates.isDuplicate(id)) return false;
    if (target.kind === 'queue') {
      target.entity.enqueue(message);
    } else {
      // Each subscription gets its own copy: settling in one must not touch another.
      for (const sub of target.subscriptions.values()) sub.enqueue(copyMessage(message));
    }
    return true;
  }

  resolve(rawAddress: string | undefined): ResolvedAddress {
    const address = stripHost(rawAddress ?? '');
    if (address.toLowerCase() === '$cbs') return { kind: 'cbs' };
    const parts = address.split('/');
    let management = false;
    let subQueue: SubQueue = 'active';
    if (parts[parts.length - 1].toLowerCase() === '$management') {
      management = true;
      parts.pop();
    }
    if (parts[parts.length - 1]?.toLowerCase() === '$deadletterqueue') {
      subQueue = 'deadletter';
      parts.pop();
    }
    const found = this.lookup(parts);
    if (!found) return { kind: 'unknown', address };
    if (subQueue === 'deadletter' || management) {
      if (!found.receive) return { kind: 'unknown', address };
      const source = { entity: found.receive.entity, subQueue };
      return management ? { kind: 'management', source } : { kind: 'entity', receive: source };
    }
    return { kind: 'entity', ...found };
  }

  close(): void {
    for (const e of this.entities()) e.close();
  }

  private lookup(parts: string[]): { send?: SendTarget; receive?: ReceiveSource } | undefined {
    if (parts.length === 1) {
      const queue = this.queues.get(parts[0].toLowerCase());
      if (queue) return { send: queue, receive: { entity: queue.entity, subQueue: 'active' } };
      const topic = this.topics.get(parts[0].toLowerCase());
      if (topic) return { send: topic };
      return undefined;
    }
    if (parts.length === 3 && parts[1].toLowerCase() === 'subscriptions') {
      const sub = this.topics.get(parts[0].toLowerCase())?.subscriptions.get(parts[2].toLowerCase());
      if (sub) return { receive: { entity: sub, subQueue: 'active' } };
    }
    return undefined;
  }
}

/** Link addresses may arrive as `amqps://host/entity` or `/entity`; entity paths are what matter. */
export function stripHost(address: string): string {
  return address.replace(/^[a-z]+:\/\/[^/]+\//i, '').replace(/^\/+/, '');
}
