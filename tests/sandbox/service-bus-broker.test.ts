import { ServiceBusClient } from '@azure/service-bus';
import { startServiceBusBroker, type ServiceBusBroker } from '../../sandbox/servicebus';

jest.setTimeout(30_000);

let broker: ServiceBusBroker;
let client: ServiceBusClient;

beforeAll(async () => {
  broker = await startServiceBusBroker({
    queues: ['work', 'abandons', 'dead', 'deletes'],
  });
  client = new ServiceBusClient(broker.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000 },
  });
});

afterAll(async () => {
  await client?.close();
  await broker?.stop();
});

describe('Service Bus broker with the real ServiceBusClient', () => {
  it('delivers a sent message and removes it on complete', async () => {
    const sender = client.createSender('work');
    await sender.sendMessages({
      body: { hello: 'world' },
      messageId: 'm-1',
      subject: 'greeting',
      applicationProperties: { kind: 'test' },
    });
    const receiver = client.createReceiver('work');
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(message.body).toEqual({ hello: 'world' });
    expect(message.messageId).toBe('m-1');
    expect(message.subject).toBe('greeting');
    expect(message.applicationProperties).toEqual({ kind: 'test' });
    expect(message.deliveryCount).toBe(1);
    expect(message.sequenceNumber?.toNumber()).toBeGreaterThan(0);
    expect(message.lockedUntilUtc!.getTime()).toBeGreaterThan(Date.now());
    await receiver.completeMessage(message);
    expect(broker.messages().work.active).toHaveLength(0);
    const again = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });
    expect(again).toHaveLength(0);
    await receiver.close();
    await sender.close();
  });

  it('redelivers an abandoned message with a higher delivery count', async () => {
    const sender = client.createSender('abandons');
    await sender.sendMessages({ body: 'again', messageId: 'a-1' });
    const receiver = client.createReceiver('abandons');
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.abandonMessage(first);
    const [second] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(second.messageId).toBe('a-1');
    expect(second.deliveryCount).toBe(2);
    await receiver.completeMessage(second);
    await receiver.close();
    await sender.close();
  });

  it('moves a dead-lettered message to the dead-letter queue with its reason and description', async () => {
    const sender = client.createSender('dead');
    await sender.sendMessages({ body: { n: 1 }, messageId: 'd-1' });
    const receiver = client.createReceiver('dead');
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.deadLetterMessage(message, {
      deadLetterReason: 'Poison',
      deadLetterErrorDescription: 'cannot parse',
    });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    const dlq = client.createReceiver('dead', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead.messageId).toBe('d-1');
    expect(dead.body).toEqual({ n: 1 });
    expect(dead.deadLetterReason).toBe('Poison');
    expect(dead.deadLetterErrorDescription).toBe('cannot parse');
    expect(dead.deadLetterSource).toBe('dead');
    await dlq.completeMessage(dead);
    expect(broker.messages().dead.deadLetter).toHaveLength(0);
    await dlq.close();
    await receiver.close();
    await sender.close();
  });

  it('removes messages as they are delivered in receiveAndDelete mode', async () => {
    const sender = client.createSender('deletes');
    await sender.sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = client.createReceiver('deletes', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1_000 });
    expect(got.map((m) => m.body)).toEqual([1, 2]);
    expect(got.every((m) => typeof m.messageId === 'string' && m.messageId.length > 0)).toBe(true);
    expect(broker.messages().deletes.active).toHaveLength(0);
    await receiver.close();
    await sender.close();
  });
});
