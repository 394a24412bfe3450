import { randomUUID } from 'node:crypto';
import rhea = require('rhea');
import type { Connection, Delivery, EventContext, Message as RheaMessage, Sender } from 'rhea';
import {
  brokerOptionsSchema,
  type MessageEntitySettings,
  type ServiceBusBrokerOptions,
} from './broker-options';
import { toDelivered, unpackTransfer } from './amqp-codec';
import { handleCbs, handleManagement, toResponse, type ManagementReply } from './management';
import type { MessageEntity } from './message-entity';
import { linkAttach, linkLocal, mirrorTermini } from './link-attach';
import { ServiceBusNamespace, type ReceiveSource } from './namespace';
import type { BrokerAccess } from './access';
import { EntityClaims } from './entity-claims';
import { settleDelivery, type Outstanding } from './settlement';
import { BrokerListeners } from './listeners';
import { Redeliveries, type Redelivered, type RedeliveryRule } from './redelivery';

import { snapshotMessages, type EntityMessages } from './snapshot';

export interface ServiceBusBroker {
  /** Plain TCP port (the connection-string form). */
  port: number;
  /** TLS port when `tls` was given (the TokenCredential + customEndpointAddress form). */
  tlsPort?: number;
  /** `Endpoint=sb://127.0.0.1:PORT;SharedAccessKeyName=x;SharedAccessKey=fake;UseDevelopmentEmulator=true` */
  connectionString: string;
  /** `sb://127.0.0.1:PORT` — the TLS port when there is one, for `customEndpointAddress`. */
  endpoint: string;
  queues(): string[];
  topics(): string[];
  createQueue(name: string, settings?: Partial<MessageEntitySettings>): void;
  /** Every queue and subscription with its active and dead-lettered messages. */
  messages(): Record<string, EntityMessages>;
  /** Fault: cuts every client connection (locks stay held until they expire, as in Service Bus). */
  dropConnections(): number;
  /** Fault: at-least-once delivery — a matching message sent to the queue is delivered `copies` times. */
  redeliver(rule: RedeliveryRule): void;
  /** The messages a redelivery rule copied: id, queue, deliveries in all. */
  redelivered(): Redelivered[];
  stop(): Promise<void>;
}

interface Consumer {
  sender: Sender;
  source: ReceiveSource;
  receiveAndDelete: boolean;
}

/** An AMQP 1.0 broker on rhea that `@azure/service-bus` 7.9 works with (see notes/local-standins.md). */
export async function startServiceBusBroker(
  input: ServiceBusBrokerOptions = {},
  /** Entra-only authorization as the deployed namespace has it; without it the broker accepts anything (emulator). */
  access?: BrokerAccess,
): Promise<ServiceBusBroker> {
  const options = brokerOptionsSchema.parse(input);
  const claims = access ? new EntityClaims(access) : undefined;
  const redeliveries = new Redeliveries();
  const consumers = new Map<MessageEntity, Set<Consumer>>();
  const replySenders = new Map<Connection, Sender[]>();
  const outstanding = new WeakMap<Delivery, Outstanding>();
  const settledDeliveries = new WeakSet<Delivery>();
  const namespace = new ServiceBusNamespace(options, (entity) => setImmediate(() => pump(entity)));
  const container = rhea.create_container({ id: 'haymaker-sandbox-servicebus' });

  function pump(entity: MessageEntity): void {
    for (const consumer of consumers.get(entity) ?? []) {
      const { sender, source } = consumer;
      if (sender.is_closed()) {
        consumers.get(entity)?.delete(consumer);
        continue;
      }
      while (sender.sendable()) {
        const next = entity.nextAvailable(source.subQueue);
        if (!next) break;
        if (consumer.receiveAndDelete) {
          entity.take(next, source.subQueue);
          sender.send(toDelivered(next), rhea.string_to_uuid(randomUUID()));
        } else {
          const token = entity.lock(next, source.subQueue);
          const delivery = sender.send(toDelivered(next), rhea.string_to_uuid(token));
          outstanding.set(delivery, { entity, subQueue: source.subQueue, token });
        }
      }
      // A receiver that drains wants its unused credit back at once when nothing is waiting.
      if (
        (sender as unknown as { _draining?: boolean })._draining &&
        !entity.nextAvailable(source.subQueue)
      ) {
        sender.set_drained(true);
      }
    }
  }

  function onSenderOpen(context: EventContext): void {
    const sender = context.sender as Sender;
    const remote = linkAttach(sender);
    const address = remote.source?.address as string | undefined;
    const resolved = namespace.resolve(address);
    const local = linkLocal(sender);
    mirrorTermini(sender, remote);
    local.snd_settle_mode = remote.snd_settle_mode;
    local.max_message_size = options.maxMessageSizeInBytes;
    if (resolved.kind === 'cbs' || resolved.kind === 'management') {
      const list = replySenders.get(sender.connection) ?? [];
      list.push(sender);
      replySenders.set(sender.connection, list);
      return;
    }
    if (resolved.kind === 'entity' && resolved.receive) {
      const refused = claims?.refusal(sender.connection, address, resolved.receive.entity, 'Listen');
      if (refused) {
        sender.close({ condition: 'amqp:unauthorized-access', description: refused });
        return;
      }
      const consumer: Consumer = {
        sender,
        source: resolved.receive,
        receiveAndDelete: remote.snd_settle_mode === 1,
      };
      const set = consumers.get(resolved.receive.entity) ?? new Set();
      set.add(consumer);
      consumers.set(resolved.receive.entity, set);
      return;
    }
    sender.close({ condition: 'amqp:not-found', description: notFound(address) });
  }

  function onReceiverOpen(context: EventContext): void {
    const receiver = context.receiver!;
    const remote = linkAttach(receiver);
    const address = remote.target?.address as string | undefined;
    const resolved = namespace.resolve(address);
    const local = linkLocal(receiver);
    mirrorTermini(receiver, remote);
    local.max_message_size = options.maxMessageSizeInBytes;
    const accepted =
      resolved.kind === 'cbs' ||
      resolved.kind === 'management' ||
      (resolved.kind === 'entity' && resolved.send);
    if (!accepted) {
      receiver.close({ condition: 'amqp:not-found', description: notFound(address) });
      return;
    }
    if (resolved.kind === 'entity' && resolved.send) {
      const refused = claims?.refusal(receiver.connection, address, resolved.send, 'Send');
      if (refused) receiver.close({ condition: 'amqp:unauthorized-access', description: refused });
    }
  }

  function onMessage(context: EventContext): void {
    const receiver = context.receiver!;
    const address = linkAttach(receiver).target?.address as string | undefined;
    const resolved = namespace.resolve(address);
    const payload = context.message as RheaMessage | Buffer;
    const format = (context as { format?: number }).format;
    if (resolved.kind === 'cbs' || resolved.kind === 'management') {
      const request = unpackTransfer(payload, format)[0];
      const reply: ManagementReply =
        resolved.kind === 'cbs'
          ? (claims?.putToken(receiver.connection, request) ?? handleCbs(request))
          : (claims?.managementRefusal(receiver.connection, address, resolved.source.entity, request) ??
            handleManagement(resolved.source, request));
      replyTo(receiver.connection, address ?? '', request, reply);
      return;
    }
    if (resolved.kind === 'entity' && resolved.send) {
      const target = resolved.send;
      for (const message of unpackTransfer(payload, format)) {
        if (!namespace.send(target, message) || target.kind !== 'queue') continue;
        redeliveries.afterSend(target, message);
      }
    }
  }

  function replyTo(
    connection: Connection,
    address: string,
    request: RheaMessage,
    reply: ManagementReply,
  ): void {
    const candidates = (replySenders.get(connection) ?? []).filter((s) => !s.is_closed());
    const wanted = String(request.reply_to ?? '');
    const sender =
      candidates.find((s) => s.name === wanted || linkAttach(s).target?.address === wanted) ??
      candidates.find((s) => linkAttach(s).source?.address === address);
    sender?.send(toResponse(request, reply));
  }

  function onDisposition(context: EventContext): void {
    const delivery = context.delivery;
    if (!delivery || settledDeliveries.has(delivery)) return;
    const held = outstanding.get(delivery);
    if (!held) return;
    settledDeliveries.add(delivery);
    settleDelivery(held, delivery);
  }

  container.on('sender_open', onSenderOpen);
  container.on('receiver_open', onReceiverOpen);
  container.on('message', onMessage);
  for (const event of ['accepted', 'released', 'rejected', 'modified']) container.on(event, onDisposition);
  container.on('sendable', (context: EventContext) => {
    const entity = entityOf(context.sender);
    if (entity) pump(entity);
  });
  container.on('sender_draining', (context: EventContext) => {
    const entity = entityOf(context.sender);
    if (entity) pump(entity);
  });
  container.on('sender_close', (context: EventContext) => forget(context.sender));
  container.on('disconnected', (context: EventContext) => {
    if (context.connection) {
      replySenders.delete(context.connection);
      claims?.forget(context.connection);
    }
  });
  // A client that goes away mid-operation must not crash the broker.
  container.on('error', () => undefined);
  container.on('connection_error', () => undefined);
  container.on('sender_error', () => undefined);
  container.on('receiver_error', () => undefined);

  function entityOf(sender: Sender | undefined): MessageEntity | undefined {
    if (!sender) return undefined;
    for (const [entity, set] of consumers) for (const c of set) if (c.sender === sender) return entity;
    return undefined;
  }

  function forget(sender: Sender | undefined): void {
    for (const set of consumers.values()) for (const c of set) if (c.sender === sender) set.delete(c);
  }

  const listeners = new BrokerListeners(container, options.host);
  const port = await listeners.listen({ port: options.port });
  const tlsPort = options.tls
    ? await listeners.listen({
        port: options.tls.port,
        transport: 'tls',
        key: options.tls.key,
        cert: options.tls.cert,
      })
    : undefined;
  const host = options.host;
  let stopping: Promise<void> | undefined;

  return {
    port,
    tlsPort,
    connectionString: `Endpoint=sb://${host}:${port};SharedAccessKeyName=x;SharedAccessKey=fake;UseDevelopmentEmulator=true`,
    endpoint: `sb://${host}:${tlsPort ?? port}`,
    queues: () => namespace.queueNames(),
    topics: () => namespace.topicNames(),
    createQueue: (name, settings) => namespace.createQueue(name, settings),
    messages: () => snapshotMessages(namespace.entities()),
    redeliver: (rule) => redeliveries.add(rule),
    redelivered: () => redeliveries.list(),
    dropConnections: () => {
      const count = listeners.connections;
      listeners.cutAll('dropped by a sandbox fault');
      return count;
    },
    stop: () =>
      (stopping ??= (async () => {
        namespace.close();
        listeners.cutAll('the sandbox broker stopped');
        await listeners.close();
      })()),
  };
}

function notFound(address: string | undefined): string {
  return `The messaging entity '${address ?? '(none)'}' could not be found in the sandbox broker. Create it with the broker's queues/topics options (agent-events exists by default).`;
}
