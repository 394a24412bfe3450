import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { modernArmOptions } from '../../adapters/client-options';
import { createArmResources, pickApiVersion } from '../../adapters/arm-resources';
import { armContext, recordingRetry, runTags, cloudServices } from './helpers/sandbox-context';

let sandbox: Sandbox;
let setup: ResourceManagementClient;
const group = (name: string, tags: Record<string, string> = runTags('run-arm-1', 'networking-01-vnet')) =>
  setup.resourceGroups.createOrUpdate(name, { location: 'eastus', tags });
const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
const put = (id: string, tags: Record<string, string> = runTags('run-arm-1', 'networking-01-vnet')) =>
  sandbox.admin.putDecoyResource({ id, location: 'eastus', tags });

beforeAll(async () => {
  sandbox = await startSandbox({ services: cloudServices() });
  setup = new ResourceManagementClient(
    sandbox.credential,
    sandbox.subscriptionId,
    modernArmOptions(armContext(sandbox)),
  );
});
afterAll(async () => {
  await sandbox?.stop();
});

const deleteCalls = () => sandbox.requestLog().filter((e) => e.method === 'DELETE' && e.status !== 429);

describe('ARM generic adapter against the sandbox', () => {
  it('picks the newest stable api-version, a preview only when nothing else exists', () => {
    expect(pickApiVersion(['2024-10-01-preview', '2023-01-01', '2022-06-01'])).toBe('2023-01-01');
    expect(pickApiVersion(['2021-01-01-preview', '2022-01-01-preview'])).toBe('2022-01-01-preview');
  });

  it('deletes each type with an api-version its provider lists, looking each provider up once', async () => {
    const arm = createArmResources(armContext(sandbox));
    await group('rg-versions');
    const vnet = `${rg('rg-versions')}/providers/Microsoft.Network/virtualNetworks/vnet1`;
    const subnet = `${vnet}/subnets/default`;
    const vault = `${rg('rg-versions')}/providers/Microsoft.KeyVault/vaults/kv1`;
    const actionGroup = `${rg('rg-versions')}/providers/Microsoft.Insights/actionGroups/ag1`;
    for (const id of [vnet, subnet, vault, actionGroup]) put(id);

    for (const id of [subnet, vnet, vault, actionGroup]) expect(await arm.deleteById(id)).toBe('deleted');

    const versions = deleteCalls().map((e) => [
      e.path.split('/').slice(-2, -1)[0],
      new URLSearchParams(e.query).get('api-version'),
    ]);
    expect(versions).toEqual([
      ['subnets', '2024-07-01'],
      ['virtualNetworks', '2024-07-01'],
      ['vaults', '2024-11-01'],
      ['actionGroups', '2023-01-01'],
    ]);
    const providerLookups = sandbox
      .requestLog()
      .filter((e) => e.operation === 'Providers_Get')
      .map((e) => e.path.split('/').pop());
    expect(providerLookups.sort()).toEqual(['Microsoft.Insights', 'Microsoft.KeyVault', 'Microsoft.Network']);
    for (const id of [vnet, subnet, vault, actionGroup])
      expect(await arm.getById(id)).toEqual({ found: false });
  });

  it("serves a nested type its provider does not list at the nearest listed parent's api-version", async () => {
    const arm = createArmResources(armContext(sandbox));
    await group('rg-nested');
    const workspace = `${rg('rg-nested')}/providers/Microsoft.OperationalInsights/workspaces/ws1`;
    const search = `${workspace}/savedSearches/s1`;
    // The provider is looked up (and cached) before any saved search exists, so its listing lacks that type.
    const workspaceVersion = await arm.apiVersionFor('Microsoft.OperationalInsights', 'workspaces');
    for (const id of [workspace, search]) put(id);
    expect(await arm.apiVersionFor('Microsoft.OperationalInsights', 'workspaces/savedSearches')).toBe(
      workspaceVersion,
    );
    expect(await arm.getById(search)).toMatchObject({ found: true });
    expect(await arm.deleteById(search)).toBe('deleted');
    await expect(arm.apiVersionFor('Microsoft.OperationalInsights', 'nothingLikeThis')).rejects.toThrow(
      /lists no api-version/,
    );
  });

  it('answers 404 as results: get → not found, delete → notFound', async () => {
    const arm = createArmResources(armContext(sandbox));
    const missing = `${rg('rg-none')}/providers/Microsoft.Storage/storageAccounts/nothere`;
    expect(await arm.getById(missing)).toEqual({ found: false });
    expect(await arm.deleteById(missing)).toBe('notFound');
    expect(await arm.getResourceGroup('rg-none')).toEqual({ found: false });
    expect(await arm.deleteResourceGroup('rg-none')).toBe('notFound');
  });

  it('reads tags and deletes a resource group with its contents, leaving a decoy group alone', async () => {
    const arm = createArmResources(armContext(sandbox));
    await group('rg-doomed');
    put(`${rg('rg-doomed')}/providers/Microsoft.Storage/storageAccounts/st1`);
    await group('rg-decoy', {});
    const got = await arm.getById(rg('rg-doomed'));
    expect(got).toMatchObject({ found: true, resource: { tags: { ExecutionId: 'run-arm-1' } } });
    expect(await arm.deleteResourceGroup('rg-doomed')).toBe('deleted');
    expect(await arm.getById(`${rg('rg-doomed')}/providers/Microsoft.Storage/storageAccounts/st1`)).toEqual({
      found: false,
    });
    expect(await arm.getResourceGroup('rg-decoy')).toMatchObject({ found: true });
  });

  it('recovers from 429 and 503 bursts, honouring Retry-After', async () => {
    const retry = recordingRetry();
    const arm = createArmResources(armContext(sandbox, retry));
    const id = `${rg('rg-versions')}/providers/Microsoft.Storage/storageAccounts/throttled`;
    put(id);
    sandbox.faults.add({
      service: 'arm',
      operation: 'Resources_DeleteById',
      kind: '429',
      schedule: [1, 2],
      retryAfterSeconds: 3,
    });
    sandbox.faults.add({ service: 'arm', operation: 'Resources_GetById', kind: '503', times: 1 });
    expect(await arm.deleteById(id)).toBe('deleted');
    expect(await arm.getById(id)).toEqual({ found: false });
    expect(retry.waits).toEqual([3000, 3000, 1000]);
    sandbox.faults.clear();
  });
});
