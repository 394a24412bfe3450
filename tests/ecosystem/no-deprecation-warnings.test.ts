// `npm start` must not print Node's DEP0123 ("Setting the TLS ServerName to an IP address is not permitted by RFC
// 6066"): the Service Bus SDK passes the endpoint's host to TLS as the server name, so local mode gives the SDK the
// sandbox broker by host name. Each send runs in its own process with --throw-deprecation (a deprecation warning is
// printed once per process, so only a fresh process can show it), the way the app and the agents connect.
import { execFile } from 'node:child_process';
import { isIP } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createServiceBusService } from '../../sandbox/servicebus';
import { serviceBusEndpointByName } from '../../cli/local/local-stack';

jest.setTimeout(60_000);

const send = `
const { ServiceBusClient } = require('@azure/service-bus');
const credential = { getToken: async () => ({ token: process.env.SB_TOKEN, expiresOnTimestamp: Date.now() + 3600000 }) };
(async () => {
  const client = new ServiceBusClient('haymaker-sandbox.servicebus.windows.net', credential, {
    customEndpointAddress: process.env.SB_ENDPOINT,
    retryOptions: { maxRetries: 1, timeoutInMs: 10000 },
  });
  const sender = client.createSender('agent-events');
  await sender.sendMessages({ body: { eventId: process.env.SB_ID }, messageId: process.env.SB_ID });
  await client.close();
})().catch((error) => { console.error(String(error && error.stack || error)); process.exit(1); });
`;

/** Sends as the agent identity (the only one with Service Bus Data Sender): the broker refuses any other token. */
async function sendFrom(
  sandbox: Sandbox,
  endpoint: string,
  id: string,
): Promise<{ code: number; stderr: string }> {
  const token = (await sandbox.credentialFor('agent').getToken('https://servicebus.azure.net/.default'))!
    .token;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--throw-deprecation', '-e', send],
      {
        cwd: process.cwd(),
        timeout: 30_000,
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
          SB_ENDPOINT: endpoint,
          SB_ID: id,
          SB_TOKEN: token,
        },
      },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

describe('the Service Bus endpoint local mode gives the app and the agents', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createServiceBusService] });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('names the broker by host, not by IP address, and keeps scheme and port', () => {
    const byName = new URL(serviceBusEndpointByName(sandbox.endpoints.serviceBus));
    const published = new URL(sandbox.endpoints.serviceBus);
    expect(isIP(byName.hostname)).toBe(0);
    expect(byName.protocol).toBe(published.protocol);
    expect(byName.port).toBe(published.port);
    expect(serviceBusEndpointByName('sb://haymaker.servicebus.windows.net')).toBe(
      'sb://haymaker.servicebus.windows.net',
    );
  });

  it('delivers a message with no deprecation warning; the IP literal is what raised DEP0123', async () => {
    const quiet = await sendFrom(sandbox, serviceBusEndpointByName(sandbox.endpoints.serviceBus), 'dep-1');
    expect(quiet.stderr).not.toContain('DEP0123');
    expect(quiet.code).toBe(0);
    // The control: the same send to the IP literal dies on the deprecation, so the check above can fail.
    const noisy = await sendFrom(sandbox, sandbox.endpoints.serviceBus, 'dep-2');
    expect(noisy.stderr).toContain('DEP0123');
    const state = sandbox.state() as {
      serviceBus: { messages: Record<string, { active: { messageId: string }[] }> };
    };
    expect(state.serviceBus.messages['agent-events'].active.map((m) => m.messageId)).toContain('dep-1');
  });
});
