import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers } from '../../contract/activities';
import { modernArmOptions } from '../../adapters/client-options';
import { RESOURCE_GROUP_CREATED, resourceGroupEventId } from '../../activities/run-resource-groups';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices, runTags } from '../adapters/helpers/sandbox-context';

const RUN = 'run0clean-0001';
const tags = runTags;

describe("finding and force-deleting a run's leftovers against the sandbox", () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  let arm: ResourceManagementClient;
  const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
  const put = (id: string, t: Record<string, string>) =>
    sandbox.admin.putDecoyResource({ id, location: 'eastus', tags: t });
  const exists = async (id: string) => (await deps.arm.getById(id)).found;
  /** The orchestrator creates a scenario's group and records it as the run's (createResourceGroups). */
  const ownGroup = async (name: string, scenarioId: string, runId = RUN) => {
    await arm.resourceGroups.createOrUpdate(name, { location: 'eastus', tags: tags(runId, scenarioId) });
    await deps.audit.recordEvent({
      eventId: resourceGroupEventId(runId, scenarioId, rg(name)),
      runId,
      scenarioId,
      type: RESOURCE_GROUP_CREATED,
      source: 'orchestrator',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { resourceGroupId: rg(name) },
    });
  };

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
    // The run's own groups (created by the orchestrator, so recorded in the audit trail) with their content.
    await ownGroup('rg-run-vm', 'compute-01-vm');
    put(`${rg('rg-run-vm')}/providers/Microsoft.Compute/virtualMachines/vm1`, tags(RUN, 'compute-01-vm'));
    put(`${rg('rg-run-vm')}/providers/Microsoft.Compute/disks/disk1`, tags(RUN, 'compute-01-vm'));
    await ownGroup('rg-run-net', 'network-02-vnet');
    put(
      `${rg('rg-run-net')}/providers/Microsoft.Network/virtualNetworks/vnet1`,
      tags(RUN, 'network-02-vnet'),
    );
    put(
      `${rg('rg-run-net')}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`,
      tags(RUN, 'network-02-vnet'),
    );
    // Resource Graph does not list child resources such as subnets; the agent's ledger entry is how they are found.
    await deps.audit.recordResource({
      runId: RUN,
      scenarioId: 'network-02-vnet',
      resourceId: `${rg('rg-run-net')}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`,
      mark: 'created',
      at: '2026-01-01T00:05:00Z',
    });
    // Decoys: untagged, another run, a group of another run, and a foreign resource tagged with this run's tags
    // (reported by the agent as its own, too): none of them lies in the run's groups.
    await arm.resourceGroups.createOrUpdate('rg-shared', { location: 'eastus' });
    put(`${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/untagged`, {});
    put(
      `${rg('rg-shared')}/providers/Microsoft.Storage/storageAccounts/otherrun`,
      tags('run0other-0001', 'network-02-vnet'),
    );
    put(`${rg('rg-shared')}/providers/Microsoft.KeyVault/vaults/taggedfake`, tags(RUN, 'network-02-vnet'));
    await deps.audit.recordResource({
      runId: RUN,
      scenarioId: 'network-02-vnet',
      resourceId: `${rg('rg-shared')}/providers/Microsoft.KeyVault/vaults/taggedfake`,
      mark: 'created',
      at: '2026-01-01T00:06:00Z',
    });
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
    expect(all.resources.map((r) => r.name).sort()).toEqual(
      ['default', 'disk1', 'rg-run-net', 'rg-run-vm', 'vm1', 'vnet1'].sort(),
    );
    // A resource elsewhere that carries the run's tags (and that the agent even reported) is not the run's.
    expect(all.resources.map((r) => r.name)).not.toContain('taggedfake');
  });

  it('finds what the agent reported even while the Resource Graph index lags', async () => {
    await ownGroup('rg-run-kv', 'security-01-kv');
    sandbox.settings.resourceGraphIndexLagMs = 60_000;
    try {
      const id = `${rg('rg-run-kv')}/providers/Microsoft.KeyVault/vaults/kvlag`;
      put(id, tags(RUN, 'security-01-kv'));
      const names = async () =>
        (await handlers.findTaggedResources({ runId: RUN, scenarioId: 'security-01-kv' })).resources.map(
          (r) => r.id,
        );
      // The group comes from the audit trail; the vault is not in the index yet.
      expect(await names()).toEqual([rg('rg-run-kv')]);
      await deps.audit.recordResource({
        runId: RUN,
        scenarioId: 'security-01-kv',
        resourceId: id,
        mark: 'created',
        at: '2026-01-01T00:10:00Z',
      });
      expect(await names()).toEqual([id, rg('rg-run-kv')].sort());
    } finally {
      sandbox.settings.resourceGraphIndexLagMs = 0;
    }
  });

  it("force-deletes the run's groups whole under throttling, leaving every decoy, also one tagged with the run's tags", async () => {
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
    // Handed to force delete as if it were a leftover: its tags name the run, but it is not in the run's groups.
    const taggedFake = {
      id: `${rg('rg-shared')}/providers/Microsoft.KeyVault/vaults/taggedfake`,
      type: 'Microsoft.KeyVault/vaults',
      name: 'taggedfake',
      kind: 'resource' as const,
    };
    sandbox.faults.add({
      service: 'arm',
      operation: 'ResourceGroups_Delete',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 5,
    });
    sandbox.faults.add({ service: 'arm', operation: 'ResourceGroups_Delete', kind: '503', schedule: [3] });
    const before = sandbox.requestLog().length;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [...found.resources, otherSubscription, untagged, taggedFake],
    });
    sandbox.faults.clear();

    expect(result.failed).toEqual([]);
    expect(result.skipped!.map((s) => s.id).sort()).toEqual(
      [otherSubscription.id, untagged.id, taggedFake.id].sort(),
    );
    expect(result.deleted).toContain(rg('rg-run-vm'));
    expect(deps.waits).toEqual(expect.arrayContaining([5000, 1000]));
    for (const r of found.resources) expect(await exists(r.id)).toBe(false);
    for (const decoy of [
      untagged.id,
      taggedFake.id,
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
    // The run's groups go whole, one DELETE each (what was in them with them); nothing else is deleted, and nothing is
    // sent for the foreign subscription.
    expect(deletes.map((e) => `${e.operation} ${e.path.split('/').pop()}`).sort()).toEqual([
      'ResourceGroups_Delete rg-run-kv',
      'ResourceGroups_Delete rg-run-net',
      'ResourceGroups_Delete rg-run-vm',
    ]);
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
    await ownGroup('rg-odd', 'compute-02-odd', 'run0odd-0001');
    put(odd, tags('run0odd-0001', 'compute-02-odd'));
    put(normal, tags('run0odd-0001', 'compute-02-odd'));
    const found = (
      await handlers.findTaggedResources({ runId: 'run0odd-0001', scenarioId: 'compute-02-odd' })
    ).resources.map((r) => r.id);
    expect(found).toEqual([odd, normal, rg('rg-odd')].sort());
  });

  it('counts already-gone resources as gone on a repeated delete (404 = deleted)', async () => {
    const id = `${rg('rg-run-net')}/providers/Microsoft.Network/virtualNetworks/vnet1`;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [{ id, type: 'Microsoft.Network/virtualNetworks', name: 'vnet1', kind: 'resource' }],
    });
    expect(result).toMatchObject({ deleted: [], alreadyGone: [id], failed: [] });
  });
});
