import { execFile } from 'node:child_process';
import { ServiceBusClient } from '@azure/service-bus';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createServiceBusService } from '../../sandbox/servicebus';

jest.setTimeout(30_000);

// Runs in a child process: the AMQP client trusts the sandbox CA only through NODE_EXTRA_CA_CERTS.
const sendOverTls = `
const { ServiceBusClient } = require('@azure/service-bus');
const credential = { getToken: async () => ({ token: 'sandbox', expiresOnTimestamp: Date.now() + 3600000 }) };
(async () => {
  const client = new ServiceBusClient('haymaker.servicebus.windows.net', credential, {
    customEndpointAddress: process.env.SB_ENDPOINT,
    retryOptions: { maxRetries: 1, timeoutInMs: 5000 },
  });
  const sender = client.createSender('agent-events');
  await sender.sendMessages({ body: { eventId: 'tls-1', type: 'phase_started' }, messageId: 'tls-1' });
  await client.close();
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('Service Bus in startSandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createServiceBusService] });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('publishes an sb:// endpoint that a TokenCredential client reaches over TLS', async () => {
    expect(sandbox.endpoints.serviceBus).toMatch(/^sb:\/\/127\.0\.0\.1:\d+$/);
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', sendOverTls],
        {
          cwd: process.cwd(),
          timeout: 20_000,
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
            SB_ENDPOINT: sandbox.endpoints.serviceBus,
          },
        },
        (error, _stdout, stderr) => (error ? reject(new Error(`child sender failed: ${stderr}`)) : resolve()),
      );
    });
    const state = sandbox.state() as {
      serviceBus: { messages: Record<string, { active: { messageId: string; body: unknown }[] }> };
    };
    expect(state.serviceBus.messages['agent-events'].active).toEqual([
      expect.objectContaining({ messageId: 'tls-1', body: { eventId: 'tls-1', type: 'phase_started' } }),
    ]);
  });

  it('offers a plain-TCP connection string in its state for connection-string clients', async () => {
    const state = sandbox.state() as { serviceBus: { connectionString: string } };
    const client = new ServiceBusClient(state.serviceBus.connectionString);
    const receiver = client.createReceiver('agent-events', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(got.map((m) => m.messageId)).toEqual(['tls-1']);
    await client.close();
  });
});
