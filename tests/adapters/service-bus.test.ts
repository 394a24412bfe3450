import { startSandbox, type Sandbox } from '../../sandbox';
import { createServiceBusService } from '../../sandbox/servicebus';
import { createEventSender } from '../../adapters/service-bus';

describe('Service Bus sender against the sandbox broker', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createServiceBusService] });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('sends events with messageId = eventId so duplicates are recognisable downstream', async () => {
    const { connectionString } = (sandbox.state() as { serviceBus: { connectionString: string } }).serviceBus;
    const sender = createEventSender({
      credential: sandbox.credential,
      namespace: 'haymaker.servicebus.windows.net',
      queue: 'agent-events',
      connectionString,
    });
    try {
      await sender.send({ eventId: 'evt-1', type: 'execution_started', runId: 'run-sb-1' });
      await sender.send({ eventId: 'evt-2', type: 'execution_completed', runId: 'run-sb-1' });
    } finally {
      await sender.close();
    }
    const active = (
      sandbox.state() as {
        serviceBus: { messages: Record<string, { active: { messageId: string; body: any }[] }> };
      }
    ).serviceBus.messages['agent-events'].active;
    expect(active.map((m) => [m.messageId, m.body.type])).toEqual([
      ['evt-1', 'execution_started'],
      ['evt-2', 'execution_completed'],
    ]);
  });
});
