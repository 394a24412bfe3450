import { ResourceManagementClient } from '@azure/arm-resources';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions, fastPoll } from './helpers/client-options';
import { skewedClock } from '../../testkit/skewed-clock';

describe('sandbox Resource Graph with the real SDK client', () => {
  let sandbox: Sandbox;
  let arm: ResourceManagementClient;
  let graph: ResourceGraphClient;
  const rid = (rg: string, type: string, name: string) =>
    `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${rg}/providers/${type}/${name}`;

  const clock = skewedClock();

  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
    arm = new ResourceManagementClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
    graph = new ResourceGraphClient(sandbox.credential, armClientOptions(sandbox));
    await arm.resourceGroups.createOrUpdate('rg-a', { location: 'eastus', tags: { ExecutionId: 'run-1' } });
    await arm.resourceGroups.createOrUpdate('rg-b', { location: 'westus' });
    const put = (id: string, tags: Record<string, string>) =>
      arm.resources.createOrUpdateById(
        id,
        id.includes('KeyVault') ? '2023-07-01' : '2024-01-01',
        { location: 'eastus', tags },
        fastPoll,
      );
    await put(rid('rg-a', 'Microsoft.Storage/storageAccounts', 'st1'), {
      ExecutionId: 'run-1',
      Scenario: 'storage-01',
    });
    await put(rid('rg-a', 'Microsoft.KeyVault/vaults', 'kv1'), {
      ExecutionId: 'run-1',
      Scenario: 'keyvault-02',
    });
    await put(rid('rg-b', 'Microsoft.Storage/storageAccounts', 'st2'), { ExecutionId: 'RUN-1' });
    await put(rid('rg-b', 'Microsoft.Storage/storageAccounts', 'st3'), { ExecutionId: 'run-2' });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  const query = (q: string, options = {}) =>
    graph.resources({
      subscriptions: [sandbox.subscriptionId],
      query: q,
      options: { resultFormat: 'objectArray', ...options },
    });

  it('filters Resources by tag with == (exact) and =~ (case-insensitive), projects and orders', async () => {
    const exact = await query(
      "Resources | where tags['ExecutionId'] == 'run-1' | project id, name, type, resourceGroup, tags | order by name asc",
    );
    expect(exact.data.map((r: { name: string }) => r.name)).toEqual(['kv1', 'st1']);
    expect(exact.data[0]).toEqual({
      id: rid('rg-a', 'Microsoft.KeyVault/vaults', 'kv1'),
      name: 'kv1',
      type: 'microsoft.keyvault/vaults',
      resourceGroup: 'rg-a',
      tags: { ExecutionId: 'run-1', Scenario: 'keyvault-02' },
    });
    expect(exact).toMatchObject({ totalRecords: 2, count: 2, resultTruncated: 'false' });
    const insensitive = await query(
      "Resources | where tags['ExecutionId'] =~ 'run-1' | order by name desc | project name",
    );
    expect(insensitive.data).toEqual([{ name: 'st2' }, { name: 'st1' }, { name: 'kv1' }]);
  });

  it('combines type =~, and, or, and limit', async () => {
    const res = await query(
      "Resources | where type =~ 'Microsoft.Storage/storageAccounts' and (tags['ExecutionId'] == 'run-2' or tags['Scenario'] == 'storage-01') | project name | order by name asc | limit 5",
    );
    expect(res.data).toEqual([{ name: 'st1' }, { name: 'st3' }]);
    const limited = await query('Resources | order by name asc | limit 1 | project name');
    expect(limited.data).toEqual([{ name: 'kv1' }]);
  });

  it('runs the adapter query shape over ResourceContainers (resource groups)', async () => {
    const res = await query(
      "ResourceContainers\n| where type =~ 'microsoft.resources/subscriptions/resourcegroups'\n| where tags['ExecutionId'] == 'run-1'\n| project id, name, type, resourceGroup, subscriptionId, tags\n| order by id asc",
    );
    expect(res.data).toEqual([
      {
        id: `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-a`,
        name: 'rg-a',
        type: 'microsoft.resources/subscriptions/resourcegroups',
        resourceGroup: 'rg-a',
        subscriptionId: sandbox.subscriptionId,
        tags: { ExecutionId: 'run-1' },
      },
    ]);
  });

  it('pages with $top, $skip and $skipToken', async () => {
    const first = await query('Resources | project id, name | order by name asc', { top: 3 });
    expect(first.count).toBe(3);
    expect(first.totalRecords).toBe(4);
    expect(first.skipToken).toEqual(expect.any(String));
    const second = await query('Resources | project id, name | order by name asc', {
      top: 3,
      skipToken: first.skipToken,
    });
    expect(second.data.map((r: { name: string }) => r.name)).toEqual(['st3']);
    expect(second.skipToken).toBeUndefined();
    const skipped = await query('Resources | project name | order by name asc', { top: 2, skip: 1 });
    expect(skipped.data).toEqual([{ name: 'st1' }, { name: 'st2' }]);
  });

  it("answers a malformed query with Azure's error shape", async () => {
    const error = await query("Resources | where tags['ExecutionId'] = 'run-1'").then(
      () => undefined,
      (e: { statusCode?: number; code?: string; details?: unknown }) => e,
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    const unsupported = await query('Resources | summarize count() by type').then(
      () => undefined,
      (e: { statusCode?: number; code?: string; message: string }) => e,
    );
    expect(unsupported).toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('shows created and deleted resources only after the configured index lag', async () => {
    // A minute of index lag, passed on the sandbox's clock instead of waited out.
    sandbox.admin.setResourceGraphIndexLagMs(60_000);
    try {
      const id = rid('rg-b', 'Microsoft.Storage/storageAccounts', 'stlag');
      await arm.resources.createOrUpdateById(
        id,
        '2024-01-01',
        { location: 'eastus', tags: { ExecutionId: 'lag' } },
        fastPoll,
      );
      const q = "Resources | where tags['ExecutionId'] == 'lag' | project name";
      expect((await query(q)).data).toEqual([]);
      clock.advance(60_001);
      expect((await query(q)).data).toEqual([{ name: 'stlag' }]);
      await arm.resources.deleteById(id, '2024-01-01', fastPoll);
      expect((await query(q)).data).toEqual([{ name: 'stlag' }]);
      clock.advance(60_001);
      expect((await query(q)).data).toEqual([]);
    } finally {
      sandbox.admin.setResourceGraphIndexLagMs(0);
    }
  });

  it('returns the table format when asked', async () => {
    const res = await query("Resources | where name == 'st1' | project name, tags", {
      resultFormat: 'table',
    });
    expect(res.data).toEqual({
      columns: [
        { name: 'name', type: 'string' },
        { name: 'tags', type: 'object' },
      ],
      rows: [['st1', { ExecutionId: 'run-1', Scenario: 'storage-01' }]],
    });
  });
});
