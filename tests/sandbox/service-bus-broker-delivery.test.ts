import { ServiceBusClient } from '@azure/service-bus';
import { startServiceBusBroker, type ServiceBusBroker } from '../../sandbox/servicebus';

jest.setTimeout(30_000);

describe('Service Bus broker lock expiry, duplicates, topics and batches', () => {
  let local: ServiceBusBroker;
  let sb: ServiceBusClient;

  beforeAll(async () => {
    local = await startServiceBusBroker({
      queues: [
        { name: 'short-locks', lockDurationInMs: 300, maxDeliveryCount: 2 },
        { name: 'renewals', lockDurationInMs: 3000 },
        'batches',
        'streamed',
        'deferrals',
      ],
      topics: [{ name: 'events', subscriptions: ['audit', 'ledger'] }],
    });
    sb = new ServiceBusClient(local.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 },
    });
  });

  afterAll(async () => {
    await sb?.close();
    await local?.stop();
  });

  it('redelivers after lock expiry and dead-letters past the max delivery count', async () => {
    const sender = sb.createSender('short-locks');
    await sender.sendMessages({ body: 'slow', messageId: 'x-1' });
    const receiver = sb.createReceiver('short-locks', { maxAutoLockRenewalDurationInMs: 0 });
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(first.deliveryCount).toBe(1);
    await new Promise((r) => setTimeout(r, 450));
    await expect(receiver.completeMessage(first)).rejects.toMatchObject({ code: 'MessageLockLost' });
    const [second] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(second.messageId).toBe('x-1');
    expect(second.deliveryCount).toBe(2);
    await new Promise((r) => setTimeout(r, 450));
    expect(local.messages()['short-locks'].active).toHaveLength(0);
    const [dead] = local.messages()['short-locks'].deadLetter;
    expect(dead).toMatchObject({ messageId: 'x-1', deadLetterReason: 'MaxDeliveryCountExceeded' });
    await receiver.close();
    await sender.close();
  });

  it('renews a lock so the message stays locked past its first expiry', async () => {
    const sender = sb.createSender('renewals');
    await sender.sendMessages({ body: 'long job', messageId: 'r-1' });
    const receiver = sb.createReceiver('renewals', { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    const firstExpiry = message.lockedUntilUtc!.getTime();
    // Generous margins: on a loaded 2-core machine a management round trip can take hundreds of milliseconds.
    await new Promise((r) => setTimeout(r, 1500));
    const renewed = await receiver.renewMessageLock(message);
    expect(renewed.getTime()).toBeGreaterThan(firstExpiry);
    await new Promise((r) => setTimeout(r, Math.max(0, firstExpiry - Date.now()) + 300));
    // Past the first expiry: without the renewal the message would be available again.
    expect(local.messages().renewals.active[0].locked).toBe(true);
    await receiver.completeMessage(message);
    expect(local.messages().renewals.active).toHaveLength(0);
    await receiver.close();
    await sender.close();
  });
  it('drops a second message with the same messageId on agent-events (duplicate detection)', async () => {
    const sender = sb.createSender('agent-events');
    await sender.sendMessages({ body: { eventId: 'e-1' }, messageId: 'e-1' });
    await sender.sendMessages({ body: { eventId: 'e-1' }, messageId: 'e-1' });
    await sender.sendMessages({ body: { eventId: 'e-2' }, messageId: 'e-2' });
    expect(local.messages()['agent-events'].active.map((m) => m.messageId)).toEqual(['e-1', 'e-2']);
    const receiver = sb.createReceiver('agent-events', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 1_000 });
    expect(got.map((m) => m.messageId)).toEqual(['e-1', 'e-2']);
    await receiver.close();
    await sender.close();
  });

  it('gives each topic subscription its own copy', async () => {
    const sender = sb.createSender('events');
    await sender.sendMessages({ body: { kind: 'created' }, messageId: 't-1' });
    const audit = sb.createReceiver('events', 'audit');
    const ledger = sb.createReceiver('events', 'ledger');
    const [a] = await audit.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await audit.completeMessage(a);
    const [l] = await ledger.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(a.body).toEqual({ kind: 'created' });
    expect(l.body).toEqual({ kind: 'created' });
    expect(local.messages()['events/Subscriptions/ledger'].active).toHaveLength(1);
    await ledger.completeMessage(l);
    await audit.close();
    await ledger.close();
    await sender.close();
  });

  it('unpacks a batch into separate messages, in order, and peeks them', async () => {
    const sender = sb.createSender('batches');
    const batch = await sender.createMessageBatch();
    for (let i = 0; i < 5; i++) expect(batch.tryAddMessage({ body: { i }, messageId: `b-${i}` })).toBe(true);
    await sender.sendMessages(batch);
    const receiver = sb.createReceiver('batches');
    const peeked = await receiver.peekMessages(10);
    expect(peeked.map((m) => m.messageId)).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
    const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1_000 });
    expect(got.map((m) => (m.body as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
    for (const m of got) await receiver.completeMessage(m);
    expect(local.messages().batches.active).toHaveLength(0);
    await receiver.close();
    await sender.close();
  });

  it('feeds a subscribe() handler and completes each message after the handler returns', async () => {
    const sender = sb.createSender('streamed');
    await sender.sendMessages([{ body: 'one' }, { body: 'two' }, { body: 'three' }]);
    const receiver = sb.createReceiver('streamed');
    const got: unknown[] = [];
    let subscription: { close(): Promise<void> } | undefined;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('subscribe() did not deliver three messages within 5 s')),
        5_000,
      );
      subscription = receiver.subscribe(
        {
          processMessage: async (m) => {
            got.push(m.body);
            if (got.length === 3) {
              clearTimeout(timer);
              resolve();
            }
          },
          processError: async (args) => {
            clearTimeout(timer);
            reject(args.error);
          },
        },
        { maxConcurrentCalls: 1 },
      );
    });
    for (let i = 0; i < 50 && local.messages().streamed.active.length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['one', 'two', 'three']);
    expect(local.messages().streamed.active).toHaveLength(0);
    await subscription?.close();
    await receiver.close();
    await sender.close();
  });

  it('defers a message out of normal delivery and hands it back by sequence number', async () => {
    const sender = sb.createSender('deferrals');
    await sender.sendMessages([
      { body: 'later', messageId: 'df-1' },
      { body: 'now', messageId: 'df-2' },
    ]);
    const receiver = sb.createReceiver('deferrals');
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(first.messageId).toBe('df-1');
    await receiver.deferMessage(first);
    const rest = await receiver.receiveMessages(5, { maxWaitTimeInMs: 500 });
    expect(rest.map((m) => m.messageId)).toEqual(['df-2']);
    await receiver.completeMessage(rest[0]);
    const [deferred] = await receiver.receiveDeferredMessages([first.sequenceNumber!]);
    expect(deferred).toMatchObject({ messageId: 'df-1', body: 'later', state: 'deferred' });
    await receiver.completeMessage(deferred);
    expect(local.messages().deferrals.active).toHaveLength(0);
    await receiver.close();
    await sender.close();
  });

  it('serves a queue created after start', async () => {
    local.createQueue('created-later', { maxDeliveryCount: 3 });
    expect(local.queues()).toContain('created-later');
    const sender = sb.createSender('created-later');
    await sender.sendMessages({ body: 'late', messageId: 'late-1' });
    const receiver = sb.createReceiver('created-later', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(got.map((m) => m.messageId)).toEqual(['late-1']);
    await receiver.close();
    await sender.close();
  });

  it('refuses a sender for an entity that does not exist', async () => {
    const sender = sb.createSender('no-such-queue');
    await expect(sender.sendMessages({ body: 1 })).rejects.toMatchObject({ code: 'MessagingEntityNotFound' });
    await sender.close();
  });
});

describe('Service Bus broker connection faults', () => {
  it('lets the client reconnect after the broker drops every connection', async () => {
    const alone = await startServiceBusBroker();
    const client = new ServiceBusClient(alone.connectionString, {
      retryOptions: { maxRetries: 5, retryDelayInMs: 50, timeoutInMs: 1_500 },
    });
    try {
      const sender = client.createSender('agent-events');
      await sender.sendMessages({ body: 'before', messageId: 'drop-1' });
      expect(alone.dropConnections()).toBeGreaterThan(0);
      await sender.sendMessages({ body: 'after', messageId: 'drop-2' });
      expect(alone.messages()['agent-events'].active.map((m) => m.messageId)).toEqual(['drop-1', 'drop-2']);
    } finally {
      await client.close();
      await alone.stop();
    }
  });
});
