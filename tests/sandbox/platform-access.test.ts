// HayMaker's own resources under Azure's rules: Key Vault data roles of the identities table, purge refused under
// purge protection, the job's managed identity through the identity endpoint, and Container Apps actions checked
// on the job's scope.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecretClient } from '@azure/keyvault-secrets';
import type { TokenCredential } from '@azure/core-auth';
import { roleIdOf } from '../../core/authorization/role-catalogue';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions, fastPoll } from './helpers/client-options';
import { signInAs } from './helpers/principals';

jest.setTimeout(60_000);

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe("HayMaker's platform under Azure's rules", () => {
  let sandbox: Sandbox;
  const vault = (credential: TokenCredential) =>
    new SecretClient(sandbox.endpoints.keyVault, credential, {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: sandbox.caCert },
      retryOptions: { maxRetries: 0 },
    });
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('gives the orchestrator Secrets Officer and the agent Secrets User on the vault, nothing more', async () => {
    const orchestrator = vault(sandbox.credentialFor('orchestrator'));
    await orchestrator.setSecret('scenario-sp-x-secret', 'value-1');
    const agent = vault(sandbox.credentialFor('agent'));
    expect((await agent.getSecret('scenario-sp-x-secret')).value).toBe('value-1');
    const refused = await agent.setSecret('scenario-sp-x-secret', 'value-2').catch((e) => e);
    expect(refused).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    expect(refused.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'");
    await (
      await orchestrator.beginDeleteSecret('scenario-sp-x-secret', { intervalInMs: 10 })
    ).pollUntilDone();
  });

  it('refuses a purge under purge protection, as the vault Bicep deploys has it', async () => {
    const admin = vault(sandbox.credential);
    await admin.setSecret('purge-me', 'v');
    await (await admin.beginDeleteSecret('purge-me', { intervalInMs: 10 })).pollUntilDone();
    const refused = await admin.purgeDeletedSecret('purge-me').catch((e) => e);
    expect(refused).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    expect(refused.message).toMatch(
      /^Operation "purge" is not allowed because purge protection is enabled for this vault\. Key Vault service will automatically purge it after the retention period has passed\. Vault: kv-haymaker-sandbox;location=eastus$/,
    );
    // Secrets User may not even try.
    const agent = await vault(sandbox.credentialFor('agent'))
      .purgeDeletedSecret('purge-me')
      .catch((e) => e);
    expect(agent.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/purge/action'");
  });

  it("serves a job's managed identity on the identity endpoint, to the holder of the execution's header only", async () => {
    const env = sandbox.admin.managedIdentityEnvironment('agent');
    const url = `${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=https://vault.azure.net&client_id=${env.AZURE_CLIENT_ID}`;
    const ok = await get(url, { 'X-IDENTITY-HEADER': env.IDENTITY_HEADER });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token_type: 'Bearer',
      resource: 'https://vault.azure.net',
      client_id: env.AZURE_CLIENT_ID,
    });
    const claims = JSON.parse(Buffer.from(ok.body.access_token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ oid: sandbox.principals.agent.objectId, aud: 'https://vault.azure.net' });
    expect((await get(url, { 'X-IDENTITY-HEADER': 'guessed' })).status).toBe(401);
  });

  it('checks Container Apps actions on the job: a group contributor can neither start the platform job nor run as its identity', async () => {
    const platformGroup = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/haymaker-platform`;
    const admin = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    await admin.resourceGroups.createOrUpdate('haymaker-platform', { location: 'eastus' });
    await admin.resourceGroups.createOrUpdate('rg-scenario', { location: 'eastus' });
    const job = {
      location: 'eastus',
      identity: { type: 'UserAssigned', userAssignedIdentities: { [sandbox.platform.identities.agent]: {} } },
      configuration: {
        triggerType: 'Manual',
        replicaTimeout: 60,
        manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
      },
      template: { containers: [{ name: 'agent', image: 'i', command: [process.execPath, '-e', '0'] }] },
    };
    const apps = (credential: TokenCredential) =>
      new ContainerAppsAPIClient(
        credential,
        sandbox.subscriptionId,
        armClientOptions(sandbox, { maxRetries: 0 }),
      );
    await apps(sandbox.credential).jobs.beginCreateOrUpdateAndWait(
      'haymaker-platform',
      'haymaker-agent',
      job as never,
      fastPoll,
    );
    const principal = sandbox.admin.createPrincipal('AzureHayMaker-jobs');
    await new AuthorizationManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    ).roleAssignments.create(
      `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario`,
      randomUUID(),
      {
        roleDefinitionId: `/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleIdOf('Contributor')}`,
        principalId: principal.objectId,
        principalType: 'ServicePrincipal',
      },
    );
    const scenario = apps(signInAs(sandbox, principal));
    const start = await scenario.jobs
      .beginStartAndWait('haymaker-platform', 'haymaker-agent', fastPoll)
      .catch((e) => e);
    expect(start).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(start.message).toContain(
      `'Microsoft.App/jobs/start/action' over scope '${platformGroup}/providers/Microsoft.App/jobs/haymaker-agent'`,
    );
    const impersonate = await scenario.jobs
      .beginCreateOrUpdateAndWait('rg-scenario', 'my-job', job as never, fastPoll)
      .catch((e) => e);
    expect(impersonate).toMatchObject({ statusCode: 403 });
    expect(impersonate.message).toContain("'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'");
    // The orchestrator (Contributor on the target subscription) starts it.
    const started = await apps(signInAs(sandbox, sandbox.principals.orchestrator)).jobs.beginStartAndWait(
      'haymaker-platform',
      'haymaker-agent',
      fastPoll,
    );
    expect(started.name).toMatch(/^haymaker-agent-/);
  });
});
