import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { runStandin, type StandinOutcome } from '../../sandbox/az-standin/main';

jest.setTimeout(60_000);

const root = join(__dirname, '..', '..');
const launcher = join(root, 'sandbox', 'az-standin', 'bin', 'az');
const TAGS = ['AzureHayMaker-managed=true', 'ExecutionId=run-1', 'Scenario=standin-test'];

interface ArmState {
  arm: {
    groups: Record<string, { id: string; tags?: Record<string, string> }>;
    resources: Record<
      string,
      {
        id: string;
        type: string;
        tags?: Record<string, string>;
        location?: string;
        sku?: { name: string };
        properties: Record<string, unknown>;
      }
    >;
    roleAssignments: Record<
      string,
      { properties: { principalId: string; scope: string; roleDefinitionId: string } }
    >;
  };
}

describe('az stand-in against a started sandbox', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const az = (...args: string[]): Promise<StandinOutcome> => runStandin(args, env);
  const ok = async (...args: string[]): Promise<string> => {
    const r = await az(...args);
    if (r.exitCode !== 0) throw new Error(`az ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r.stdout;
  };
  const loginAs = (p: { clientId: string; clientSecret: string }) =>
    ok(
      'login',
      '--service-principal',
      '-u',
      p.clientId,
      '-p',
      p.clientSecret,
      '--tenant',
      sandbox.tenantId,
      '-o',
      'none',
    );
  const state = () => sandbox.state() as unknown as ArmState;
  const rgId = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
  const resource = (id: string) =>
    Object.values(state().arm.resources).find((r) => r.id.toLowerCase() === id.toLowerCase());

  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'haymaker-standin-'));
    env = {
      HAYMAKER_SANDBOX_FILE: sandbox.publicSandboxFile,
      HAYMAKER_AZ_STANDIN_LOG: join(dir, 'az-standin.log'),
      AZURE_LOCATION: 'westeurope',
      AZURE_CONFIG_DIR: join(dir, 'azure'),
    };
    // The tests act as the tenant administrator (Owner, Key Vault and Graph administration).
    await loginAs(sandbox.principals.admin);
    await ok(
      'group',
      'create',
      '--name',
      'rg-standin',
      '--location',
      'eastus',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
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

  it('builds nested types from the parent flags and lists children', async () => {
    await ok(
      'network',
      'vnet',
      'create',
      '-n',
      'hm-vnet',
      '-g',
      'rg-standin',
      '--address-prefixes',
      '10.0.0.0/16',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    const subnet = (
      await ok(
        'network',
        'vnet',
        'subnet',
        'create',
        '--vnet-name',
        'hm-vnet',
        '-n',
        'app',
        '-g',
        'rg-standin',
        '--address-prefixes',
        '10.0.1.0/24',
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(subnet).toBe(
      `${rgId('rg-standin')}/providers/Microsoft.Network/virtualNetworks/hm-vnet/subnets/app`,
    );
    expect(resource(subnet)?.type).toBe('Microsoft.Network/virtualNetworks/subnets');
    await ok(
      'network',
      'vnet',
      'subnet',
      'create',
      '--vnet-name',
      'hm-vnet',
      '-n',
      'data',
      '-g',
      'rg-standin',
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'subnet',
        'list',
        '--vnet-name',
        'hm-vnet',
        '-g',
        'rg-standin',
        '--query',
        'sort([].name)',
        '-o',
        'tsv',
      ),
    ).toBe('app\ndata\n');
    // A blob container needs blobServices/default, which Azure makes with the account.
    await ok(
      'storage',
      'account',
      'create',
      '-n',
      'hmst02',
      '-g',
      'rg-standin',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    const container = (
      await ok(
        'storage',
        'container-rm',
        'create',
        '--storage-account',
        'hmst02',
        '-n',
        'logs',
        '-g',
        'rg-standin',
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(resource(container)?.type).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    const orphan = await az(
      'network',
      'vnet',
      'subnet',
      'create',
      '--vnet-name',
      'no-such-vnet',
      '-n',
      'x',
      '-g',
      'rg-standin',
    );
    expect(orphan.exitCode).not.toBe(0);
    expect(orphan.stderr).toContain('ParentResourceNotFound');
  });

  it('answers the properties Azure computes: a vnet address space and first subnet, a peering state, a private endpoint connection', async () => {
    await ok(
      'network',
      'vnet',
      'create',
      '-n',
      'hm-hub',
      '-g',
      'rg-standin',
      '--address-prefixes',
      '10.80.0.0/22',
      '--subnet-name',
      'shared',
      '--subnet-prefixes',
      '10.80.0.0/24',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'show',
        '-n',
        'hm-hub',
        '-g',
        'rg-standin',
        '--query',
        "{space:join(',', addressSpace.addressPrefixes), subnets:length(subnets)}",
        '-o',
        'tsv',
      ),
    ).toBe('10.80.0.0/22\t1\n');
    // The first subnet is a real child: later steps update it by name.
    expect(
      await ok(
        'network',
        'vnet',
        'subnet',
        'show',
        '--vnet-name',
        'hm-hub',
        '-n',
        'shared',
        '-g',
        'rg-standin',
        '--query',
        'addressPrefix',
        '-o',
        'tsv',
      ),
    ).toBe('10.80.0.0/24\n');
    await ok(
      'network',
      'vnet',
      'peering',
      'create',
      '-n',
      'hub-to-spoke',
      '--vnet-name',
      'hm-hub',
      '-g',
      'rg-standin',
      '--remote-vnet',
      'hm-vnet',
      '--allow-vnet-access',
      'true',
      '-o',
      'none',
    );
    await ok(
      'network',
      'vnet',
      'peering',
      'update',
      '-n',
      'hub-to-spoke',
      '--vnet-name',
      'hm-hub',
      '-g',
      'rg-standin',
      '--set',
      'allowForwardedTraffic=true',
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'peering',
        'show',
        '-n',
        'hub-to-spoke',
        '--vnet-name',
        'hm-hub',
        '-g',
        'rg-standin',
        '--query',
        '{s:peeringState, a:allowVnetAccess, f:allowForwardedTraffic}',
        '-o',
        'tsv',
      ),
    ).toBe('Connected\tTrue\tTrue\n');
    const account = (
      await ok(
        'storage',
        'account',
        'create',
        '-n',
        'hmst03',
        '-g',
        'rg-standin',
        '--tags',
        ...TAGS,
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(
      await ok(
        'storage',
        'account',
        'show',
        '--ids',
        account,
        '--query',
        'length(privateEndpointConnections)',
        '-o',
        'tsv',
      ),
    ).toBe('0\n');
    await ok(
      'network',
      'private-endpoint',
      'create',
      '-n',
      'hm-pe',
      '-g',
      'rg-standin',
      '--vnet-name',
      'hm-hub',
      '--subnet',
      'shared',
      '--private-connection-resource-id',
      account,
      '--group-id',
      'blob',
      '--connection-name',
      'c',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'storage',
        'account',
        'show',
        '--ids',
        account,
        '--query',
        'privateEndpointConnections[0].properties.privateLinkServiceConnectionState.status',
        '-o',
        'tsv',
      ),
    ).toBe('Approved\n');
  });

  it('treats --version after a command as an argument and finds a group-less data-plane target by name', async () => {
    await ok(
      'postgres',
      'flexible-server',
      'create',
      '--name',
      'hm-pg',
      '-g',
      'rg-standin',
      '--version',
      '16',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'postgres',
        'flexible-server',
        'show',
        '--name',
        'hm-pg',
        '-g',
        'rg-standin',
        '--query',
        'version',
        '-o',
        'tsv',
      ),
    ).toBe('16\n');
    await ok(
      'acr',
      'create',
      '--name',
      'hmacr01',
      '-g',
      'rg-standin',
      '--sku',
      'Basic',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect((await az('acr', 'repository', 'list', '--name', 'hmacr01', '-o', 'tsv')).exitCode).toBe(0);
    expect((await az('acr', 'repository', 'list', '--name', 'hmacr-missing')).exitCode).toBe(3);
  });

  it('renders json, tsv, table and none output', async () => {
    await ok('identity', 'create', '-n', 'hm-id-out', '-g', 'rg-standin', '--tags', ...TAGS, '-o', 'none');
    const q = [
      'identity',
      'show',
      '-n',
      'hm-id-out',
      '-g',
      'rg-standin',
      '--query',
      '{name:name, location:location}',
    ];
    expect(await ok(...q, '-o', 'json')).toBe('{\n  "name": "hm-id-out",\n  "location": "eastus"\n}\n');
    expect(await ok(...q, '-o', 'tsv')).toBe('hm-id-out\teastus\n');
    expect(await ok(...q, '-o', 'table')).toBe(
      'name       location\n---------  --------\nhm-id-out  eastus\n',
    );
    expect(await ok(...q, '-o', 'none')).toBe('');
    expect(await ok('group', 'exists', '-n', 'rg-standin', '-o', 'tsv')).toBe('True\n');
    expect((await az(...q, '-o', 'xml')).exitCode).toBe(2);
  });

  it('creates, lists and deletes a role assignment for a new identity, resolving the role by name', async () => {
    const principal = (
      await ok(
        'identity',
        'create',
        '-n',
        'hm-id-ra',
        '-g',
        'rg-standin',
        '--tags',
        ...TAGS,
        '--query',
        'principalId',
        '-o',
        'tsv',
      )
    ).trim();
    expect(principal).toMatch(/^[0-9a-f-]{36}$/);
    const scope = rgId('rg-standin');
    const created = JSON.parse(
      await ok(
        'role',
        'assignment',
        'create',
        '--assignee-object-id',
        principal,
        '--assignee-principal-type',
        'ServicePrincipal',
        '--role',
        'Reader',
        '--scope',
        scope,
      ),
    );
    expect(created).toMatchObject({ principalId: principal, scope, roleDefinitionName: 'Reader' });
    const stored = Object.values(state().arm.roleAssignments).filter(
      (a) => a.properties.principalId === principal,
    );
    expect(stored.map((a) => a.properties.roleDefinitionId)).toEqual([
      expect.stringMatching(/acdd72a7-3385-48ef-bd42-f606fba81ae7$/),
    ]);
    expect(
      await ok(
        'role',
        'assignment',
        'list',
        '--assignee',
        principal,
        '--scope',
        scope,
        '--query',
        '[].roleDefinitionName',
        '-o',
        'tsv',
      ),
    ).toBe('Reader\n');
    await ok('role', 'assignment', 'delete', '--assignee', principal, '--role', 'Reader', '--scope', scope);
    expect(
      Object.values(state().arm.roleAssignments).filter((a) => a.properties.principalId === principal),
    ).toHaveLength(0);
    const unknownRole = await az(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      principal,
      '--role',
      'Galactic Overlord',
      '--scope',
      scope,
    );
    expect(unknownRole).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining("Role 'Galactic Overlord' doesn't exist."),
    });
  });

  it('creates and deletes Entra applications and service principals through Graph', async () => {
    const appId = (
      await ok('ad', 'app', 'create', '--display-name', 'hm-app-standin', '--query', 'appId', '-o', 'tsv')
    ).trim();
    expect(
      await ok('ad', 'app', 'list', '--display-name', 'hm-app-standin', '--query', '[0].appId', '-o', 'tsv'),
    ).toBe(`${appId}\n`);
    const spId = (await ok('ad', 'sp', 'create', '--id', appId, '--query', 'id', '-o', 'tsv')).trim();
    expect(
      await ok('ad', 'sp', 'list', '--display-name', 'hm-app-standin', '--query', '[0].id', '-o', 'tsv'),
    ).toBe(`${spId}\n`);
    await ok('ad', 'sp', 'delete', '--id', spId);
    await ok('ad', 'app', 'delete', '--id', appId);
    expect(await ok('ad', 'app', 'list', '--display-name', 'hm-app-standin', '-o', 'json')).toBe('[]\n');
    expect((await az('ad', 'app', 'delete', '--id', appId)).exitCode).not.toBe(0);
  });

  it('sets, shows and deletes Key Vault secrets on the data plane without logging the value', async () => {
    await ok(
      'keyvault',
      'secret',
      'set',
      '--vault-name',
      'hm-kv',
      '--name',
      'standin-secret',
      '--value',
      'v4lue-not-for-logs',
      '-o',
      'none',
    );
    expect(
      await ok(
        'keyvault',
        'secret',
        'show',
        '--vault-name',
        'hm-kv',
        '--name',
        'standin-secret',
        '--query',
        'value',
        '-o',
        'tsv',
      ),
    ).toBe('v4lue-not-for-logs\n');
    await ok(
      'keyvault',
      'secret',
      'delete',
      '--vault-name',
      'hm-kv',
      '--name',
      'standin-secret',
      '-o',
      'none',
    );
    expect(
      (await az('keyvault', 'secret', 'show', '--vault-name', 'hm-kv', '--name', 'standin-secret')).exitCode,
    ).toBe(3);
    expect(readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')).not.toContain('v4lue-not-for-logs');
  });

  it('tags through az resource tag and az tag update', async () => {
    await ok('network', 'nsg', 'create', '-n', 'hm-nsg', '-g', 'rg-standin', '--tags', ...TAGS, '-o', 'none');
    const id = `${rgId('rg-standin')}/providers/Microsoft.Network/networkSecurityGroups/hm-nsg`;
    await ok(
      'tag',
      'update',
      '--resource-id',
      id,
      '--operation',
      'Merge',
      '--tags',
      'costCenter=42',
      '-o',
      'none',
    );
    expect(resource(id)?.tags).toMatchObject({ costCenter: '42', ExecutionId: 'run-1' });
    await ok('resource', 'tag', '--ids', id, '--tags', 'tier=gold', '-o', 'none');
    expect(await ok('resource', 'show', '--ids', id, '--query', 'tags.tier', '-o', 'tsv')).toBe('gold\n');
    expect(
      await ok(
        'resource',
        'list',
        '-g',
        'rg-standin',
        '--tag',
        'tier=gold',
        '--query',
        '[].name',
        '-o',
        'tsv',
      ),
    ).toBe('hm-nsg\n');
  });

  it('answers an unknown command with a simulated {} and records it in the stand-in log', async () => {
    const r = await az('quantum', 'workspace', 'teleport', '--name', 'q1', '--resource-group', 'rg-standin');
    expect(r).toEqual({ exitCode: 0, stdout: '{}\n', stderr: '' });
    const entries = readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { args: string[]; outcome: string });
    expect(entries.at(-1)).toMatchObject({
      args: ['quantum', 'workspace', 'teleport', '--name', 'q1', '--resource-group', 'rg-standin'],
      outcome: 'simulated',
    });
    expect(entries.some((e) => e.outcome === 'sandbox')).toBe(true);
  });

  it('runs as the bin/az launcher from dist with the job env, exit code included', async () => {
    const main = join(root, 'dist', 'sandbox', 'az-standin', 'main.js');
    if (!existsSync(main)) throw new Error('dist/ is not built: run `npx tsc -p .` first');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          launcher,
          args,
          {
            env: { PATH: process.env.PATH, ...env, NODE_EXTRA_CA_CERTS: sandbox.caCertPath },
            timeout: 30_000,
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    expect(await run(['group', 'show', '-n', 'rg-standin', '--query', 'name', '-o', 'tsv'])).toEqual({
      code: 0,
      stdout: 'rg-standin\n',
      stderr: '',
    });
    const missing = await run(['group', 'show', '-n', 'rg-nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('ERROR: (ResourceGroupNotFound)');
    const noSandbox = await new Promise<number>((resolve) =>
      execFile(launcher, ['group', 'list'], { env: { PATH: process.env.PATH }, timeout: 30_000 }, (e) =>
        resolve(e ? Number((e as { code?: number }).code) : 0),
      ),
    );
    expect(noSandbox).toBe(1);
  });
});
