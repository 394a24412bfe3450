// Deny by default, as Azure: ARM RBAC with scope inheritance and ABAC conditions, Microsoft Graph application
// permissions and ownership, Key Vault data roles; the identities table's grants and nothing more.
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecretClient } from '@azure/keyvault-secrets';
import type { TokenCredential } from '@azure/core-auth';
import { roleIdOf } from '../../core/authorization/role-catalogue';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions, fastPoll } from './helpers/client-options';
import { httpsRequest } from './helpers/https-request';
import { createPrincipal, signInAs, type CreatedPrincipal } from './helpers/principals';
import { bearer } from './helpers/tokens';

jest.setTimeout(60_000);

describe('authorization in the sandbox, deny by default', () => {
  let sandbox: Sandbox;
  let now = Date.parse('2030-01-01T00:00:00Z');
  let adminArm: ResourceManagementClient;
  let adminAuth: AuthorizationManagementClient;
  let scenario: CreatedPrincipal;
  const arm = (credential: TokenCredential, subscription = sandbox.subscriptionId) =>
    new ResourceManagementClient(credential, subscription, armClientOptions(sandbox, { maxRetries: 0 }));
  const definition = (role: string) =>
    `/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleIdOf(role)}`;
  const storage = (group: string, name: string) =>
    `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/${name}`;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: { now: () => now } });
    adminArm = arm(sandbox.credential);
    adminAuth = new AuthorizationManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    await adminArm.resourceGroups.createOrUpdate('rg-scenario-a', { location: 'eastus' });
    await adminArm.resourceGroups.createOrUpdate('rg-scenario-b', { location: 'eastus' });
    await adminArm.resources.createOrUpdateById(
      storage('rg-scenario-b', 'stother'),
      '2023-05-01',
      { location: 'eastus' },
      fastPoll,
    );
    // A scenario-like principal: Contributor on its own resource group only.
    scenario = await createPrincipal(sandbox, 'AzureHayMaker-scenario-like');
    await adminAuth.roleAssignments.create(
      `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario-a`,
      '3a1b2c3d-0000-4000-8000-000000000001',
      {
        roleDefinitionId: definition('Contributor'),
        principalId: scenario.objectId,
        principalType: 'ServicePrincipal',
      },
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('refuses a principal without grants at ARM (403 AuthorizationFailed), Graph and Key Vault', async () => {
    const nobody = sandbox.credentialFor('nobody');
    const refused = await arm(nobody)
      .resourceGroups.createOrUpdate('rg-nobody', { location: 'eastus' })
      .catch((e) => e);
    expect(refused).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(refused.message).toBe(
      `The client '${sandbox.principals.nobody.clientId}' with object id '${sandbox.principals.nobody.objectId}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/write' over scope '/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-nobody' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
    const graph = await httpsRequest(`${sandbox.endpoints.graph}/v1.0/applications`, sandbox.caCert, {
      method: 'POST',
      headers: await bearer(sandbox, 'graph', 'nobody'),
      body: { displayName: 'nope' },
    });
    expect(graph.status).toBe(403);
    expect(graph.json().error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    const vault = await httpsRequest(
      `${sandbox.endpoints.keyVault}/secrets/anything?api-version=7.6`,
      sandbox.caCert,
      {
        headers: await bearer(sandbox, 'keyVault', 'nobody'),
      },
    );
    expect(vault.status).toBe(403);
    expect(vault.json().error).toMatchObject({ code: 'Forbidden', innererror: { code: 'ForbiddenByRbac' } });
    expect(vault.json().error.message).toContain(
      "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'",
    );
  });

  it('keeps a resource-group principal inside its group: not another group, not the subscription, not the vault', async () => {
    const credential = signInAs(sandbox, scenario);
    const own = arm(credential);
    const created = await own.resources.createOrUpdateById(
      storage('rg-scenario-a', 'stmine'),
      '2023-05-01',
      { location: 'eastus' },
      fastPoll,
    );
    expect(created.id).toBe(storage('rg-scenario-a', 'stmine'));
    await expect(
      own.resources.createOrUpdateById(
        storage('rg-scenario-b', 'sttheirs'),
        '2023-05-01',
        { location: 'eastus' },
        fastPoll,
      ),
    ).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    await expect(
      own.resources.deleteById(storage('rg-scenario-b', 'stother'), '2023-05-01'),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      own.resourceGroups.createOrUpdate('rg-scenario-c', { location: 'eastus' }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(own.resourceGroups.get('rg-scenario-b')).rejects.toMatchObject({ statusCode: 403 });
    // Lists show only what it may read.
    const listed: string[] = [];
    for await (const r of own.resources.list()) listed.push(r.id!);
    expect(listed).toEqual([storage('rg-scenario-a', 'stmine')]);
    const groups: string[] = [];
    for await (const g of own.resourceGroups.list()) groups.push(g.name!);
    expect(groups).toEqual(['rg-scenario-a']);
    const rg = new ResourceGraphClient(credential, {
      endpoint: sandbox.endpoints.arm,
      tlsOptions: { ca: sandbox.caCert },
    });
    const seen = await rg.resources({
      query: 'Resources | project id',
      subscriptions: [sandbox.subscriptionId],
    });
    expect((seen.data as { id: string }[]).map((r) => r.id)).toEqual([storage('rg-scenario-a', 'stmine')]);
    // Contributor has no data actions and no role-assignment rights (notActions Microsoft.Authorization/*/Write).
    const secrets = new SecretClient(sandbox.endpoints.keyVault, credential, {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: sandbox.caCert },
      retryOptions: { maxRetries: 0 },
    });
    await expect(secrets.getSecret('anthropic-api-key')).rejects.toMatchObject({
      statusCode: 403,
      code: 'Forbidden',
    });
    const auth = new AuthorizationManagementClient(
      credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox, { maxRetries: 0 }),
    );
    await expect(
      auth.roleAssignments.create(
        `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario-a`,
        '3a1b2c3d-0000-4000-8000-000000000002',
        {
          roleDefinitionId: definition('Reader'),
          principalId: scenario.objectId,
          principalType: 'ServicePrincipal',
        },
      ),
    ).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    // The platform subscription is out of its reach altogether.
    await expect(
      arm(credential, sandbox.subscriptions.platform).resourceGroups.get('haymaker-platform'),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('holds the orchestrator to its table condition: never User Access Administrator, Owner or RBAC Administrator', async () => {
    const auth = new AuthorizationManagementClient(
      signInAs(sandbox, sandbox.principals.orchestrator),
      sandbox.subscriptionId,
      armClientOptions(sandbox, { maxRetries: 0 }),
    );
    const scope = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario-a`;
    for (const [i, role] of [
      'User Access Administrator',
      'Owner',
      'Role Based Access Control Administrator',
    ].entries()) {
      const refused = await auth.roleAssignments
        .create(scope, `3a1b2c3d-0000-4000-8000-00000000001${i}`, {
          roleDefinitionId: definition(role),
          principalId: scenario.objectId,
          principalType: 'ServicePrincipal',
        })
        .catch((e) => e);
      expect({ role, status: refused.statusCode, code: refused.code }).toEqual({
        role,
        status: 403,
        code: 'AuthorizationFailed',
      });
      expect(refused.message).toContain(
        "does not have authorization or an ABAC condition not fulfilled to perform action 'Microsoft.Authorization/roleAssignments/write'",
      );
    }
    const reader = await auth.roleAssignments.create(scope, '3a1b2c3d-0000-4000-8000-000000000020', {
      roleDefinitionId: definition('Reader'),
      principalId: scenario.objectId,
      principalType: 'ServicePrincipal',
    });
    expect(reader.roleDefinitionId).toBe(definition('Reader'));
    await auth.roleAssignments.delete(scope, '3a1b2c3d-0000-4000-8000-000000000020');
    // Nor may it remove a privileged assignment (the delete half of the condition).
    const owner = await adminAuth.roleAssignments.create(scope, '3a1b2c3d-0000-4000-8000-000000000021', {
      roleDefinitionId: definition('Owner'),
      principalId: sandbox.principals.nobody.objectId,
      principalType: 'ServicePrincipal',
    });
    await expect(auth.roleAssignments.delete(scope, owner.name!)).rejects.toMatchObject({ statusCode: 403 });
    await adminAuth.roleAssignments.delete(scope, owner.name!);
  });

  it('refuses an unknown role definition id (RoleDefinitionDoesNotExist)', async () => {
    await expect(
      adminAuth.roleAssignments.create(
        `/subscriptions/${sandbox.subscriptionId}`,
        '3a1b2c3d-0000-4000-8000-000000000030',
        {
          roleDefinitionId: `/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42e0-ab88-20f7382a6cb4`,
          principalId: scenario.objectId,
          principalType: 'ServicePrincipal',
        },
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'RoleDefinitionDoesNotExist' });
  });

  it('lets a new role assignment take effect only after it has propagated', async () => {
    sandbox.settings.roleAssignmentPropagationLagMs = 5 * 60_000;
    try {
      const late = await createPrincipal(sandbox, 'AzureHayMaker-late');
      await adminAuth.roleAssignments.create(
        `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario-b`,
        '3a1b2c3d-0000-4000-8000-000000000040',
        {
          roleDefinitionId: definition('Reader'),
          principalId: late.objectId,
          principalType: 'ServicePrincipal',
        },
      );
      const client = arm(signInAs(sandbox, late));
      await expect(client.resourceGroups.get('rg-scenario-b')).rejects.toMatchObject({ statusCode: 403 });
      now += 5 * 60_000;
      expect((await client.resourceGroups.get('rg-scenario-b')).name).toBe('rg-scenario-b');
      // Reader reads (*/read) and writes nothing.
      await expect(
        client.resourceGroups.createOrUpdate('rg-scenario-b', { location: 'eastus' }),
      ).rejects.toMatchObject({
        statusCode: 403,
      });
    } finally {
      sandbox.settings.roleAssignmentPropagationLagMs = 0;
    }
  });

  it('hides a new principal from ARM for the replication lag unless principalType is given', async () => {
    sandbox.settings.graphReplicationLagMs = 60_000;
    try {
      const fresh = await httpsRequest(`${sandbox.endpoints.graph}/v1.0/applications`, sandbox.caCert, {
        method: 'POST',
        headers: await bearer(sandbox, 'graph'),
        body: { displayName: 'AzureHayMaker-fresh' },
      });
      // Its service principal can be made once the app has replicated; the principal then lags in turn.
      now += 60_000;
      const sp = await httpsRequest(`${sandbox.endpoints.graph}/v1.0/servicePrincipals`, sandbox.caCert, {
        method: 'POST',
        headers: await bearer(sandbox, 'graph'),
        body: { appId: fresh.json().appId },
      });
      const body = { roleDefinitionId: definition('Reader'), principalId: sp.json().id as string };
      const scope = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-scenario-b`;
      await expect(
        adminAuth.roleAssignments.create(scope, '3a1b2c3d-0000-4000-8000-000000000050', body),
      ).rejects.toMatchObject({
        statusCode: 400,
        code: 'PrincipalNotFound',
      });
      const typed = await adminAuth.roleAssignments.create(scope, '3a1b2c3d-0000-4000-8000-000000000051', {
        ...body,
        principalType: 'ServicePrincipal',
      });
      expect(typed.principalId).toBe(body.principalId);
    } finally {
      sandbox.settings.graphReplicationLagMs = 0;
    }
  });
});
