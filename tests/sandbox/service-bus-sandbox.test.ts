import { execFile } from 'node:child_process';
import { ServiceBusClient } from '@azure/service-bus';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { BuiltinPrincipalName } from '../../sandbox/entra/builtin-principals';
import { createServiceBusService } from '../../sandbox/servicebus';

jest.setTimeout(60_000);

// Runs in a child process: the AMQP client trusts the sandbox CA only through NODE_EXTRA_CA_CERTS. The token is the
// principal's own, fetched from the sandbox's Entra by the parent; the child only sends or receives with it.
const client = `
const { ServiceBusClient } = require('@azure/service-bus');
const credential = { getToken: async () => ({ token: process.env.SB_TOKEN, expiresOnTimestamp: Date.now() + 3600000 }) };
(async () => {
  const client = new ServiceBusClient('haymaker.servicebus.windows.net', credential, {
    customEndpointAddress: process.env.SB_ENDPOINT,
    retryOptions: { maxRetries: 0, timeoutInMs: 8000 },
  });
  try {
    if (process.env.SB_ACTION === 'send') {
      const sender = client.createSender('agent-events');
      await sender.sendMessages({ body: { eventId: process.env.SB_ID, type: 'phase_started' }, messageId: process.env.SB_ID });
      console.log(JSON.stringify({ ok: true }));
    } else {
      const receiver = client.createReceiver('agent-events', { receiveMode: 'receiveAndDelete' });
      const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 2000 });
      console.log(JSON.stringify({ ok: true, ids: got.map((m) => m.messageId) }));
    }
  } catch (error) {
    console.log(JSON.stringify({ ok: false, code: error.code, error: String(error.message) }));
  } finally {
    await client.close();
  }
})();
`;

interface ChildResult {
  ok: boolean;
  ids?: string[];
  code?: string;
  error?: string;
}

describe('Service Bus in startSandbox: Entra only, and Azure RBAC data roles for every send and receive', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createServiceBusService] });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const tokenOf = async (name: BuiltinPrincipalName): Promise<string> =>
    (await sandbox.credentialFor(name).getToken('https://servicebus.azure.net/.default'))!.token;

  const run = (action: 'send' | 'receive', token: string, id = ''): Promise<ChildResult> =>
    new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', client],
        {
          cwd: process.cwd(),
          timeout: 40_000,
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
            SB_ENDPOINT: sandbox.endpoints.serviceBus,
            SB_ACTION: action,
            SB_TOKEN: token,
            SB_ID: id,
          },
        },
        (error, stdout, stderr) => {
          const line = stdout.trim().split('\n').pop() ?? '';
          if (error || !line) reject(new Error(`child ${action} failed: ${stderr}`));
          else resolve(JSON.parse(line) as ChildResult);
        },
      );
    });

  it('publishes an sb:// endpoint where the agent identity (Data Sender) sends over TLS', async () => {
    expect(sandbox.endpoints.serviceBus).toMatch(/^sb:\/\/127\.0\.0\.1:\d+$/);
    expect(await run('send', await tokenOf('agent'), 'tls-1')).toEqual({ ok: true });
    const state = sandbox.state() as {
      serviceBus: { messages: Record<string, { active: { messageId: string; body: unknown }[] }> };
    };
    expect(state.serviceBus.messages['agent-events'].active).toEqual([
      expect.objectContaining({ messageId: 'tls-1', body: { eventId: 'tls-1', type: 'phase_started' } }),
    ]);
  });

  it('refuses to let the agent receive: its role sends only (Listen claim)', async () => {
    const got = await run('receive', await tokenOf('agent'));
    expect(got.ok).toBe(false);
    expect(got.error).toMatch(/Unauthorized access\. 'Listen' claim\(s\) are required/);
  });

  it('refuses to let the orchestrator (Data Receiver) send, and lets it receive', async () => {
    const token = await tokenOf('orchestrator');
    const sent = await run('send', token, 'forged-1');
    expect(sent.ok).toBe(false);
    expect(sent.error).toMatch(/Unauthorized access\. 'Send' claim\(s\) are required/);
    expect(await run('receive', token)).toEqual({ ok: true, ids: ['tls-1'] });
  });

  it('refuses a principal without a data role, and a token the sandbox did not sign', async () => {
    const nobody = await run('send', await tokenOf('nobody'), 'nobody-1');
    expect(nobody.ok).toBe(false);
    expect(nobody.error).toMatch(/'Send' claim\(s\) are required/);
    const forged = await run('send', 'not-a-token', 'forged-2');
    expect(forged.ok).toBe(false);
    expect(forged.error).toMatch(/InvalidSignature/);
    const state = sandbox.state() as { serviceBus: { messages: Record<string, { active: unknown[] }> } };
    expect(state.serviceBus.messages['agent-events'].active).toEqual([]);
  });

  it('refuses SAS (local auth is disabled, as Bicep deploys the namespace)', async () => {
    const state = sandbox.state() as { serviceBus: { connectionString: string } };
    const sas = new ServiceBusClient(state.serviceBus.connectionString, { retryOptions: { maxRetries: 0 } });
    try {
      await expect(
        sas.createSender('agent-events').sendMessages({ body: 'sas', messageId: 'sas-1' }),
      ).rejects.toThrow(/LocalAuthDisabled/);
    } finally {
      await sas.close();
    }
  });
});
