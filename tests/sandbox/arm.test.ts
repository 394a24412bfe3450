import { ResourceManagementClient } from '@azure/arm-resources';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { roleCatalogue } from '../../core/authorization/role-catalogue';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions, fastPoll } from './helpers/client-options';

const contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iter) out.push(item);
  return out;
}

function statusOf(error: unknown): { statusCode?: number; code?: string; message: string } {
  const e = error as { statusCode?: number; code?: string; message: string };
  return { statusCode: e.statusCode, code: e.code, message: e.message };
}

describe('sandbox ARM with the real SDK clients', () => {
  let sandbox: Sandbox;
  let arm: ResourceManagementClient;
  let auth: AuthorizationManagementClient;
  // Real time plus what a test moves it by: a long-running operation then ends when the test says, not when a loaded
  // machine happens to get from one request to the next.
  let movedMs = 0;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock: { now: () => Date.now() + movedMs } });
    arm = new ResourceManagementClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
    auth = new AuthorizationManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  const storageId = (rg: string, name: string) =>
    `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;

  it('creates, reads, lists and updates resource groups', async () => {
    const created = await arm.resourceGroups.createOrUpdate('rg-one', {
      location: 'East US',
      tags: { team: 'hay' },
    });
    expect(created).toMatchObject({
      name: 'rg-one',
      location: 'eastus',
      tags: { team: 'hay' },
      properties: { provisioningState: 'Succeeded' },
    });
    const got = await arm.resourceGroups.get('RG-ONE');
    expect(got.id).toBe(`/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-one`);
    expect(await arm.resourceGroups.checkExistence('rg-one')).toMatchObject({ body: true });
    const tagged = await collect(
      arm.resourceGroups.list({ filter: "tagName eq 'team' and tagValue eq 'hay'" }),
    );
    expect(tagged.map((g) => g.name)).toEqual(['rg-one']);
    await expect(arm.resourceGroups.createOrUpdate('rg-one', { location: 'westus' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'InvalidResourceGroupLocation',
    });
  });

  it('answers a missing resource group with 404 ResourceGroupNotFound', async () => {
    const error = await arm.resourceGroups.get('nope').then(() => undefined, statusOf);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
  });

  it('puts, gets, lists and deletes a generic resource by id with tags', async () => {
    await arm.resourceGroups.createOrUpdate('rg-res', { location: 'eastus' });
    const id = storageId('rg-res', 'sthay1');
    const put = await arm.resources.createOrUpdateById(
      id,
      '2023-05-01',
      {
        location: 'eastus',
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
        tags: { 'haymaker-run': 'r1' },
      },
      fastPoll,
    );
    expect(put).toMatchObject({
      id,
      name: 'sthay1',
      type: 'Microsoft.Storage/storageAccounts',
      tags: { 'haymaker-run': 'r1' },
    });
    const got = await arm.resources.getById(id, '2023-05-01');
    expect(got.properties).toMatchObject({ provisioningState: 'Succeeded' });
    await arm.resources.createOrUpdateById(
      storageId('rg-res', 'sthay2'),
      '2023-05-01',
      { location: 'eastus', tags: { 'haymaker-run': 'r2' } },
      fastPoll,
    );

    const inGroup = await collect(arm.resources.listByResourceGroup('rg-res'));
    expect(inGroup.map((r) => r.name).sort()).toEqual(['sthay1', 'sthay2']);
    const byTag = await collect(
      arm.resources.list({ filter: "tagName eq 'haymaker-run' and tagValue eq 'r1'" }),
    );
    expect(byTag.map((r) => r.name)).toEqual(['sthay1']);

    await arm.resources.deleteById(id, '2023-05-01', fastPoll);
    await expect(arm.resources.getById(id, '2023-05-01')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    // Deleting what is gone is not an error (Azure answers 204).
    await arm.resources.deleteById(id, '2023-05-01', fastPoll);
  });

  it('refuses an api-version the type does not support, as Azure does', async () => {
    await arm.resourceGroups.createOrUpdate('rg-ver', { location: 'eastus' });
    const error = await arm.resources
      .createOrUpdateById(storageId('rg-ver', 'stbad'), '2099-01-01', { location: 'eastus' }, fastPoll)
      .then(() => undefined, statusOf);
    expect(error).toMatchObject({ statusCode: 400, code: 'NoRegisteredProviderFound' });
    expect(error?.message).toContain('2023-05-01');
  });

  it('lists resource types with api-versions for a provider, including types it has seen', async () => {
    const storage = await arm.providers.get('Microsoft.Storage');
    const accounts = storage.resourceTypes?.find((t) => t.resourceType === 'storageAccounts');
    expect(accounts?.apiVersions).toContain('2023-05-01');
    await arm.resourceGroups.createOrUpdate('rg-prov', { location: 'eastus' });
    await arm.resources.createOrUpdateById(
      `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-prov/providers/Contoso.Widgets/gadgets/g1`,
      '2024-02-02',
      { location: 'eastus' },
      fastPoll,
    );
    const contoso = await arm.providers.get('Contoso.Widgets');
    expect(contoso.resourceTypes).toEqual([
      expect.objectContaining({ resourceType: 'gadgets', apiVersions: ['2024-02-02'] }),
    ]);
    await expect(arm.providers.get('Nobody.Here')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('deletes a resource group as a long-running operation that removes its contents', async () => {
    await arm.resourceGroups.createOrUpdate('rg-gone', { location: 'eastus' });
    await arm.resources.createOrUpdateById(
      storageId('rg-gone', 'stgone'),
      '2023-05-01',
      { location: 'eastus' },
      fastPoll,
    );
    sandbox.settings.armOperationDelayMs = 60_000;
    try {
      const poller = arm.resourceGroups.delete('rg-gone', fastPoll);
      await poller.submitted();
      expect((await arm.resourceGroups.get('rg-gone')).properties?.provisioningState).toBe('Deleting');
      movedMs += 60_000;
      await poller;
    } finally {
      sandbox.settings.armOperationDelayMs = 0;
    }
    await expect(arm.resourceGroups.get('rg-gone')).rejects.toMatchObject({ statusCode: 404 });
    const leftovers = JSON.stringify(sandbox.state().arm).toLowerCase();
    expect(leftovers).not.toContain('stgone');
    const log = sandbox.requestLog().filter((e) => e.operation.startsWith('Operations_'));
    expect(log.length).toBeGreaterThan(0);
  });

  it('serves built-in role definitions with their real ids', async () => {
    const scope = `/subscriptions/${sandbox.subscriptionId}`;
    const def = await auth.roleDefinitions.get(scope, contributor);
    expect(def).toMatchObject({ name: contributor, roleName: 'Contributor', roleType: 'BuiltInRole' });
    const byName = await collect(
      auth.roleDefinitions.list(scope, { filter: "roleName eq 'User Access Administrator'" }),
    );
    expect(byName.map((r) => r.name)).toEqual(['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9']);
    const all = await collect(auth.roleDefinitions.list(scope));
    expect(all).toHaveLength(roleCatalogue.roles.length);
    expect(all.find((r) => r.roleName === 'AcrPull')?.name).toBe('7f951dda-4ed3-4680-a7ca-43fe172d538d');
  });

  it('creates, gets, lists and deletes role assignments and refuses a duplicate under another name', async () => {
    await arm.resourceGroups.createOrUpdate('rg-rbac', { location: 'eastus' });
    const scope = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-rbac`;
    // A service principal the directory knows: without principalType ARM looks it up.
    const principalId = sandbox.principals.nobody.objectId;
    const roleDefinitionId = `/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${contributor}`;
    const name = '0b5fe924-9a61-425c-96af-cfe6e287ca2d';
    const created = await auth.roleAssignments.create(scope, name, {
      roleDefinitionId,
      principalId,
      principalType: 'ServicePrincipal',
    });
    expect(created).toMatchObject({
      name,
      scope,
      principalId,
      roleDefinitionId,
      principalType: 'ServicePrincipal',
    });

    const duplicate = await auth.roleAssignments
      .create(scope, '9d2b3c1e-0000-4000-8000-000000000001', { roleDefinitionId, principalId })
      .then(() => undefined, statusOf);
    expect(duplicate).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });

    // Another role for the same principal is a different assignment.
    await auth.roleAssignments.create(scope, '9d2b3c1e-0000-4000-8000-000000000002', {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${reader}`,
      principalId,
    });
    expect((await auth.roleAssignments.get(scope, name)).principalId).toBe(principalId);
    expect(
      (
        await auth.roleAssignments.getById(
          `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        )
      ).name,
    ).toBe(name);
    // A scope's list also holds the assignments inherited from above (here the seeded ones at the subscription).
    const forScope = await collect(auth.roleAssignments.listForScope(scope));
    expect(forScope.filter((ra) => ra.scope === scope)).toHaveLength(2);
    expect(forScope.some((ra) => ra.scope === `/subscriptions/${sandbox.subscriptionId}`)).toBe(true);
    const forSub = await collect(
      auth.roleAssignments.listForSubscription({ filter: `principalId eq '${principalId}'` }),
    );
    expect(forSub).toHaveLength(2);
    const atSubOnly = await collect(
      auth.roleAssignments.listForScope(`/subscriptions/${sandbox.subscriptionId}`, {
        filter: `atScope() and assignedTo('${principalId}')`,
      }),
    );
    expect(atSubOnly).toHaveLength(0);

    await auth.roleAssignments.delete(scope, name);
    await expect(auth.roleAssignments.get(scope, name)).rejects.toMatchObject({ statusCode: 404 });
    expect(
      (await collect(auth.roleAssignments.listForScope(scope))).filter((ra) => ra.scope === scope),
    ).toHaveLength(1);
  });

  it('refuses a role assignment for an unknown role or a missing scope', async () => {
    const principalId = '11111111-2222-4333-8444-555555555556';
    const unknownRole = await auth.roleAssignments
      .create(`/subscriptions/${sandbox.subscriptionId}`, '9d2b3c1e-0000-4000-8000-000000000003', {
        roleDefinitionId:
          '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000000',
        principalId,
      })
      .then(() => undefined, statusOf);
    expect(unknownRole).toMatchObject({ statusCode: 400, code: 'RoleDefinitionDoesNotExist' });
    const missingScope = await auth.roleAssignments
      .create(
        `/subscriptions/${sandbox.subscriptionId}/resourceGroups/absent`,
        '9d2b3c1e-0000-4000-8000-000000000004',
        {
          roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${reader}`,
          principalId,
        },
      )
      .then(() => undefined, statusOf);
    expect(missingScope).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
  });

  it('refuses a principal the directory does not know (PrincipalNotFound) unless principalType is given', async () => {
    const scope = `/subscriptions/${sandbox.subscriptionId}`;
    const roleDefinitionId = `/providers/Microsoft.Authorization/roleDefinitions/${reader}`;
    const unknown = '11111111-2222-4333-8444-000000000002';
    const refused = await auth.roleAssignments
      .create(scope, '9d2b3c1e-0000-4000-8000-000000000010', { roleDefinitionId, principalId: unknown })
      .then(() => undefined, statusOf);
    expect(refused).toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' });
    expect(refused?.message).toContain('set the role assignment principalType property');
    // principalType skips the lookup (the documented way around replication delay).
    const typed = await auth.roleAssignments.create(scope, '9d2b3c1e-0000-4000-8000-000000000012', {
      roleDefinitionId,
      principalId: unknown,
      principalType: 'ServicePrincipal',
    });
    expect(typed.principalType).toBe('ServicePrincipal');
    const known = sandbox.principals.agent.objectId;
    const found = await auth.roleAssignments.create(scope, '9d2b3c1e-0000-4000-8000-000000000011', {
      roleDefinitionId,
      principalId: known,
    });
    expect(found).toMatchObject({ principalId: known, principalType: 'ServicePrincipal' });
  });

  it('refuses another subscription', async () => {
    const other = new ResourceManagementClient(
      sandbox.credential,
      '00000000-0000-0000-0000-00000000dead',
      armClientOptions(sandbox),
    );
    await expect(other.resourceGroups.get('x')).rejects.toMatchObject({
      statusCode: 404,
      code: 'SubscriptionNotFound',
    });
  });
});
