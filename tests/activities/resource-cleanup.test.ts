import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers } from '../../contract/activities';
import { modernArmOptions } from '../../adapters/client-options';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

const RUN = 'run0clean-0001';
const tags = (runId: string, scenarioId: string) => ({
  'AzureHayMaker-managed': 'true',
  Scenario: scenarioId,
  Owner: 'AzureHayMaker',
  ExecutionId: runId,
  CreatedAt: '2026-01-01T00:00:00.000Z',
  ExpiresAt: '2026-01-01T12:00:00.000Z',
});

describe("finding and force-deleting a run's leftovers against the sandbox", () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  let arm: ResourceManagementClient;
  const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
  const put = (id: string, t: Record<string, string>) =>
    sandbox.admin.putDecoyResource({ id, location: 'eastus', tags: t });
  const exists = async (id: string) => (await deps.arm.getById(id)).found;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    deps = await sandboxDependencies(sandbox);
    handlers = createActivityHandlers(deps);
    arm = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      modernArmOptions({
        armEndpoint: sandbox.endpoints.arm,
        tlsCa: sandbox.caCert,
        credential: sandbox.credential,
        subscriptionId: sandbox.subscriptionId,
      }),
    );
    // The run's own group with content, and loose resources of the run in a shared group.
    await arm.resourceGroups.createOrUpdate('rg-run-vm', {
      location: 'eastus',
      tags: tags(RUN, 'compute-01-vm'),
    });
    put(`${rg('rg-run-vm')}/providers/Microsoft.Compute/virtualMachines/vm1`, tags(RUN, 'compute-01-vm'));
    put(`${rg('rg-run-vm')}/providers/Microsoft.Compute/disks/disk1`, tags(RUN, 'compute-01-vm'));
    await arm.resourceGroups.createOrUpdate('rg-shared', { location: 'eastus' });
    put(`${rg('rg-shared')}/providers/Microsoft.Network/virtualNetworks/vnet1`, tags(RUN, 'network-02-vnet'));
    put(
      `${rg('rg-shared')}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`,
      tags(RUN, 'network-02-vnet'),
    );
    // Resource Graph does not list child resources such as subnets; the agent's ledger entry is how they are found.
    await deps.audit.recordResource({
      runId: RUN,
      scenarioId: 'network-02-vnet',
      resourceId: `${rg('rg-shared')}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`,
      mark: 'created',
      at: '2026-01-01T00:05:00Z',
    });
    // Decoys: untagged, another run, a group of another run.
    put(`${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/untagged`, {});
    put(
      `${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/otherrun`,
      tags('run0other-0001', 'network-02-vnet'),
    );
    await arm.resourceGroups.createOrUpdate('rg-other-run', {
      location: 'eastus',
      tags: tags('run0other-0001', 'compute-01-vm'),
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("finds the run's resources, groups and ledger-reported children (per scenario and per run), confirmed by ARM", async () => {
    const vm = await handlers.findTaggedResources({ runId: RUN, scenarioId: 'compute-01-vm' });
    expect(vm.resources.map((r) => [r.kind, r.name]).sort()).toEqual([
      ['resource', 'disk1'],
      ['resource', 'vm1'],
      ['resourceGroup', 'rg-run-vm'],
    ]);
    const all = await handlers.findTaggedResources({ runId: RUN });
    expect(all.resources).toHaveLength(5);
    expect(all.resources.map((r) => r.name)).not.toEqual(
      expect.arrayContaining(['untagged', 'otherrun', 'rg-other-run']),
    );
  });

  it('finds what the agent reported even while the Resource Graph index lags', async () => {
    sandbox.settings.resourceGraphIndexLagMs = 60_000;
    try {
      const id = `${rg('rg-shared')}/providers/Microsoft.KeyVault/vaults/kvlag`;
      put(id, tags(RUN, 'security-01-kv'));
      expect(
        (await handlers.findTaggedResources({ runId: RUN, scenarioId: 'security-01-kv' })).resources,
      ).toEqual([]);
      await deps.audit.recordResource({
        runId: RUN,
        scenarioId: 'security-01-kv',
        resourceId: id,
        mark: 'created',
        at: '2026-01-01T00:10:00Z',
      });
      expect(
        (await handlers.findTaggedResources({ runId: RUN, scenarioId: 'security-01-kv' })).resources.map(
          (r) => r.id,
        ),
      ).toEqual([id]);
    } finally {
      sandbox.settings.resourceGraphIndexLagMs = 0;
    }
  });

  it('force-deletes groups first and children before parents under throttling, leaving every decoy', async () => {
    const found = await handlers.findTaggedResources({ runId: RUN });
    const otherSubscription = {
      id: '/subscriptions/00000000-0000-0000-0000-00000000beef/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/foreign',
      type: 'Microsoft.Storage/storageAccounts',
      name: 'foreign',
      kind: 'resource' as const,
    };
    const untagged = {
      id: `${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/untagged`,
      type: 'Microsoft.Storage/storageAccounts',
      name: 'untagged',
      kind: 'resource' as const,
    };
    sandbox.faults.add({
      service: 'arm',
      operation: 'Resources_DeleteById',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 5,
    });
    sandbox.faults.add({ service: 'arm', operation: 'ResourceGroups_Delete', kind: '503', times: 1 });
    const before = sandbox.requestLog().length;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [...found.resources, otherSubscription, untagged],
    });
    sandbox.faults.clear();

    expect(result.failed).toEqual([]);
    expect(result.skipped!.map((s) => s.id).sort()).toEqual([otherSubscription.id, untagged.id].sort());
    expect(result.deleted).toContain(rg('rg-run-vm'));
    expect(deps.waits).toEqual(expect.arrayContaining([5000, 1000]));
    for (const r of found.resources) expect(await exists(r.id)).toBe(false);
    for (const decoy of [
      untagged.id,
      `${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/otherrun`,
      rg('rg-other-run'),
      rg('rg-shared'),
    ]) {
      expect(await exists(decoy)).toBe(true);
    }
    const deletes = sandbox
      .requestLog()
      .slice(before)
      .filter((e) => e.method === 'DELETE' && e.status !== 429 && e.status !== 503);
    // The group goes first; the subnet before its virtual network; nothing is sent for the foreign subscription.
    expect(deletes[0].operation).toBe('ResourceGroups_Delete');
    const order = deletes.map((e) => e.path.split('/').pop());
    expect(order.indexOf('default')).toBeLessThan(order.indexOf('vnet1'));
    expect(
      sandbox
        .requestLog()
        .slice(before)
        .some((e) => e.path.includes('00000000beef')),
    ).toBe(false);
    // The ledger records what was force-deleted.
    expect((await deps.audit.listLedger(RUN)).filter((e) => e.forceDeleted).length).toBeGreaterThan(0);
  });

  it('counts a candidate ARM cannot be asked about as left over instead of failing the whole search', async () => {
    const odd = `${rg('rg-odd')}/providers/Microsoft.NotARealProvider/widgets/w1`;
    const normal = `${rg('rg-odd')}/providers/Microsoft.Network/virtualNetworks/vnet-odd`;
    // A run of its own, so the other tests' searches never meet these.
    put(odd, tags('run0odd-0001', 'compute-02-odd'));
    put(normal, tags('run0odd-0001', 'compute-02-odd'));
    const found = (
      await handlers.findTaggedResources({ runId: 'run0odd-0001', scenarioId: 'compute-02-odd' })
    ).resources.map((r) => r.id);
    expect(found).toEqual([odd, normal].sort());
  });

  it('counts already-gone resources as gone on a repeated delete (404 = deleted)', async () => {
    const id = `${rg('rg-shared')}/providers/Microsoft.Network/virtualNetworks/vnet1`;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [{ id, type: 'Microsoft.Network/virtualNetworks', name: 'vnet1', kind: 'resource' }],
    });
    expect(result).toMatchObject({ deleted: [], alreadyGone: [id], failed: [] });
  });
});
