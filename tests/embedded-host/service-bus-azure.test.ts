import { ServiceBusClient } from '@azure/service-bus';
import { createAzureServiceBusSource } from '../../embedded-host';
import { startServiceBusBroker, ServiceBusBroker } from '../../sandbox/servicebus';
import { eventually, startTestHost } from './start-test-host';

describe('embedded host: Service Bus trigger over the real SDK receiver and the sandbox broker', () => {
  let broker: ServiceBusBroker;
  beforeAll(async () => {
    broker = await startServiceBusBroker();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('completes a handled message and redelivers then dead-letters one whose handler throws', async () => {
    const host = await startTestHost({
      serviceBus: createAzureServiceBusSource({ abandonDelayMs: 10 }),
      env: { TEST_TIMER_SCHEDULE: '0 0 * * * *', ServiceBusConnection: broker.connectionString },
    });
    const sender = new ServiceBusClient(broker.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 },
    });
    try {
      const id = await host.client.startNew('waitForever', { instanceId: 'sb-real-1' });
      await eventually(async () =>
        (await host.client.getStatus(id))?.runtimeStatus === 'Running' ? true : undefined,
      );
      const queue = sender.createSender('agent-events');
      await queue.sendMessages({ body: { instanceId: id, data: 'refused', fail: true }, messageId: 'bad-1' });
      await eventually(() => {
        const q = broker.messages()['agent-events'];
        return q && q.deadLetter.length === 1 ? q : undefined;
      }, 20_000);
      await queue.sendMessages({ body: { instanceId: id, data: 'over AMQP' }, messageId: 'good-1' });
      expect((await host.client.waitForCompletion(id, { timeoutMs: 15_000 })).output).toBe('over AMQP');
      await eventually(() => (broker.messages()['agent-events'].active.length === 0 ? true : undefined));
      expect(broker.messages()['agent-events'].deadLetter[0].deliveryCount).toBeGreaterThanOrEqual(2);
      await queue.close();
    } finally {
      await sender.close();
      await host.stop();
    }
  });
});
