import { readFileSync } from 'node:fs';
import type { Sandbox } from '../../sandbox';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(60_000);

describe('az stand-in: sign-in, groups and service commands', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId, resource } = standin;
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    ({ sandbox, env } = standin);
  });

  it('signs in at the token endpoint with the principal secret and calls with its token (its rights only)', async () => {
    const wrong = await az(
      'login',
      '--service-principal',
      '-u',
      sandbox.principals.nobody.clientId,
      '-p',
      'pw-value-1',
      '--tenant',
      sandbox.tenantId,
    );
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toMatch(/AADSTS7000215: Invalid client secret provided/);
    expect(readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')).not.toContain('pw-value-1');
    // A principal without a role anywhere: az login finds no subscription.
    const nobody = await az(
      'login',
      '--service-principal',
      '-u',
      sandbox.principals.nobody.clientId,
      '-p',
      sandbox.principals.nobody.clientSecret,
      '--tenant',
      sandbox.tenantId,
    );
    expect(nobody.exitCode).toBe(1);
    expect(nobody.stderr).toContain(`No subscriptions found for ${sandbox.principals.nobody.clientId}`);
    expect((await az('group', 'list')).stderr).toContain("Please run 'az login'");
    // The orchestrator sees the target subscription (Contributor there) and is refused what it lacks.
    await loginAs(sandbox.principals.orchestrator);
    expect(await ok('account', 'show', '--query', 'id', '-o', 'tsv')).toBe(`${sandbox.subscriptionId}\n`);
    // Its role administration carries the identities table's condition: no User Access Administrator.
    const uaa = await az(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      sandbox.principals.nobody.objectId,
      '--assignee-principal-type',
      'ServicePrincipal',
      '--role',
      'User Access Administrator',
      '--scope',
      `/subscriptions/${sandbox.subscriptionId}`,
    );
    expect(uaa.exitCode).toBe(1);
    expect(uaa.stderr).toMatch(/AuthorizationFailed.*ABAC condition not fulfilled/);
    await loginAs(sandbox.principals.admin);
    expect(readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')).not.toContain(
      sandbox.principals.admin.clientSecret,
    );
  });

  it('creates a resource group with its tags, answers exists/show/list and deletes it', async () => {
    const created = JSON.parse(
      await ok('group', 'create', '-n', 'rg-life', '-l', 'westus2', '--tags', ...TAGS),
    );
    expect(created).toMatchObject({
      id: rgId('rg-life'),
      location: 'westus2',
      tags: { 'AzureHayMaker-managed': 'true', ExecutionId: 'run-1' },
    });
    expect(await ok('group', 'exists', '-n', 'rg-life')).toBe('true\n');
    expect(
      await ok('group', 'list', '--tag', 'ExecutionId=run-1', '--query', '[].name', '-o', 'tsv'),
    ).toContain('rg-life');
    await ok('group', 'delete', '-n', 'rg-life', '--yes');
    expect(await ok('group', 'exists', '-n', 'rg-life')).toBe('false\n');
    const again = await az('group', 'delete', '-n', 'rg-life', '--yes');
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toMatch(/^ERROR: \(ResourceGroupNotFound\)/);
  });

  it('maps a service command to its ARM type with tags, location, sku and flags as properties; show/list/update/delete', async () => {
    const id = `${rgId('rg-standin')}/providers/Microsoft.Storage/storageAccounts/hmst01`;
    expect(
      await ok(
        'storage',
        'account',
        'create',
        '--name',
        'hmst01',
        '-g',
        'rg-standin',
        '--sku',
        'Standard_LRS',
        '--min-tls-version',
        'TLS1_2',
        '--tags',
        ...TAGS,
        '-o',
        'none',
      ),
    ).toBe('');
    expect(resource(id)).toMatchObject({
      type: 'Microsoft.Storage/storageAccounts',
      location: 'eastus',
      sku: { name: 'Standard_LRS' },
      tags: { ExecutionId: 'run-1' },
      properties: { minTlsVersion: 'TLS1_2' },
    });
    expect(
      await ok(
        'storage',
        'account',
        'show',
        '-n',
        'hmst01',
        '-g',
        'rg-standin',
        '--query',
        'provisioningState',
        '-o',
        'tsv',
      ),
    ).toBe('Succeeded\n');
    expect(
      JSON.parse(
        await ok(
          'storage',
          'account',
          'show',
          '-n',
          'hmst01',
          '-g',
          'rg-standin',
          '--query',
          '{name:name, state:properties.provisioningState, rg:resourceGroup}',
        ),
      ),
    ).toEqual({
      name: 'hmst01',
      state: 'Succeeded',
      rg: 'rg-standin',
    });
    expect(
      await ok('storage', 'account', 'list', '-g', 'rg-standin', '--query', '[].name', '-o', 'tsv'),
    ).toBe('hmst01\n');
    await ok(
      'storage',
      'account',
      'update',
      '-n',
      'hmst01',
      '-g',
      'rg-standin',
      '--tags',
      'team=web',
      '--set',
      'properties.allowBlobPublicAccess=false',
      '-o',
      'none',
    );
    expect(resource(id)?.tags).toMatchObject({ team: 'web', ExecutionId: 'run-1' });
    expect(resource(id)?.properties.allowBlobPublicAccess).toBe(false);
    await ok('storage', 'account', 'delete', '-n', 'hmst01', '-g', 'rg-standin', '--yes');
    expect(resource(id)).toBeUndefined();
  });

  it('fails like az for a missing resource: exit 3 and an ERROR line naming the code', async () => {
    const r = await az('keyvault', 'show', '--name', 'hm-kv-missing', '--resource-group', 'rg-standin');
    expect(r).toMatchObject({ exitCode: 3, stdout: '' });
    expect(r.stderr).toMatch(
      /^ERROR: \(ResourceNotFound\) The Resource 'Microsoft.KeyVault\/vaults\/hm-kv-missing'/,
    );
    const action = await az('vm', 'restart', '--name', 'hm-vm-missing', '--resource-group', 'rg-standin');
    expect(action.exitCode).toBe(3);
    const usage = await az('storage', 'account', 'create', '--name', 'x');
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--resource-group');
  });
});
