import { ResourceManagementClient } from '@azure/arm-resources';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions, fastPoll } from './helpers/client-options';
import { builtInRoles } from '../../sandbox/arm/role-definitions';

describe("faults seen through the SDK clients' own retry policies", () => {
  let sandbox: Sandbox;
  let arm: ResourceManagementClient;
  beforeAll(async () => {
    sandbox = await startSandbox();
    arm = new ResourceManagementClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
    await arm.resourceGroups.createOrUpdate('rg-faults', { location: 'eastus' });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  afterEach(() => sandbox.faults.clear());

  const statusesOf = (operation: string) =>
    sandbox
      .requestLog()
      .filter((e) => e.operation === operation)
      .map((e) => e.status);

  it('recovers from a 429 with Retry-After by waiting as told', async () => {
    sandbox.faults.add({
      service: 'arm',
      operation: 'ResourceGroups_Get',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 1,
    });
    const started = Date.now();
    const group = await arm.resourceGroups.get('rg-faults');
    expect(group.name).toBe('rg-faults');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(statusesOf('ResourceGroups_Get').slice(-2)).toEqual([429, 200]);
  });

  it('recovers from 503s and 500s with exponential retries', async () => {
    const id = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-faults/providers/Microsoft.Storage/storageAccounts/stfault`;
    sandbox.faults.add({
      service: 'arm',
      operation: 'Resources_CreateOrUpdateById',
      kind: '503',
      times: 2,
      retryAfterSeconds: 0,
    });
    await arm.resources.createOrUpdateById(id, '2023-05-01', { location: 'eastus' }, fastPoll);
    expect(statusesOf('Resources_CreateOrUpdateById')).toEqual([503, 503, 201]);

    const auth = new AuthorizationManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    sandbox.faults.add({ service: 'arm', operation: 'RoleDefinitions_List', kind: '500', times: 1 });
    const roles = [];
    for await (const r of auth.roleDefinitions.list(`/subscriptions/${sandbox.subscriptionId}`))
      roles.push(r);
    expect(roles).toHaveLength(builtInRoles.length);
    expect(statusesOf('RoleDefinitions_List')).toEqual([500, 200]);
  });

  it('recovers from a dropped connection', async () => {
    sandbox.faults.add({ service: 'arm', operation: 'ResourceGroups_Get', kind: 'drop', times: 1 });
    expect((await arm.resourceGroups.get('rg-faults')).name).toBe('rg-faults');
    expect(statusesOf('ResourceGroups_Get').slice(-2)).toEqual([0, 200]);
  });

  it("gives up after the client's retry budget with the last error", async () => {
    sandbox.faults.add({
      service: 'arm',
      operation: 'ResourceGroups_Get',
      kind: '503',
      retryAfterSeconds: 0,
    });
    const limited = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox, { maxRetries: 2 }),
    );
    await expect(limited.resourceGroups.get('rg-faults')).rejects.toMatchObject({ statusCode: 503 });
  });

  it('throttles ARM writes per subscription with a token bucket the client waits out', async () => {
    sandbox.faults.setArmThrottle({ writes: { capacity: 2, refillPerSecond: 2 } });
    try {
      const started = Date.now();
      for (let i = 0; i < 4; i++)
        await arm.resourceGroups.createOrUpdate(`rg-bucket-${i}`, { location: 'eastus' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      const log = sandbox
        .requestLog()
        .filter((e) => e.operation === 'ResourceGroups_CreateOrUpdate' && e.fault === 'arm-throttle-writes');
      expect(log.length).toBeGreaterThanOrEqual(1);
    } finally {
      sandbox.faults.setArmThrottle({ writes: { capacity: 200, refillPerSecond: 10 } });
    }
  });

  it('Resource Graph queries recover from a 429', async () => {
    const graph = new ResourceGraphClient(sandbox.credential, armClientOptions(sandbox));
    sandbox.faults.add({ service: 'resource-graph', kind: '429', times: 1, retryAfterSeconds: 0 });
    const res = await graph.resources({
      query: 'ResourceContainers | where name == "rg-faults" | project name',
    });
    expect(res.data).toEqual([{ name: 'rg-faults' }]);
    expect(statusesOf('Resources')).toEqual([429, 200]);
  });

  it('reports a long-running delete that fails as a failure and leaves the group in place', async () => {
    await arm.resourceGroups.createOrUpdate('rg-locked', { location: 'eastus' });
    sandbox.faults.add({ service: 'arm', operation: 'ResourceGroups_Delete', kind: 'lro-fail', times: 1 });
    await expect(arm.resourceGroups.delete('rg-locked', fastPoll)).rejects.toThrow();
    expect((await arm.resourceGroups.get('rg-locked')).properties?.provisioningState).toBe('Succeeded');
    await arm.resourceGroups.delete('rg-locked', fastPoll);
    await expect(arm.resourceGroups.get('rg-locked')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('adds latency to matching operations only', async () => {
    sandbox.faults.add({ service: 'arm', operation: 'ResourceGroups_Get', kind: 'latency', latencyMs: 300 });
    const slowStart = Date.now();
    await arm.resourceGroups.get('rg-faults');
    expect(Date.now() - slowStart).toBeGreaterThanOrEqual(290);
    const fastStart = Date.now();
    await arm.providers.get('Microsoft.Storage');
    expect(Date.now() - fastStart).toBeLessThan(290);
  });
});
