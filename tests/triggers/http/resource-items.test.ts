// The resource list behind GET /runs/{id}/resources: ARM types from ids, and the run entity (lower-cased ids)
// merged with the audit ledger (original casing, type, force deletions) with the later state winning.
import { applyRunOperation, initialRunView as initialRunState } from '../../../testkit/run-ledger-model';
import { armResourceType, resourceItems } from '../../../triggers/http/handlers/resources';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const VM = `${SUB}/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1`;
const DISK = `${SUB}/resourceGroups/rg1/providers/Microsoft.Compute/disks/d1`;

describe('resource items', () => {
  it.each([
    [`${SUB}/resourceGroups/rg1`, 'Microsoft.Resources/resourceGroups'],
    [VM, 'Microsoft.Compute/virtualMachines'],
    [
      `${SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
      'Microsoft.Network/virtualNetworks/subnets',
    ],
    ['not-an-id', 'unknown'],
  ])('derives the type of %s', (id, type) => {
    expect(armResourceType(id)).toBe(type);
  });

  it('merges the entity with the ledger: ledger casing and type, the later state wins', () => {
    let run = initialRunState('r');
    for (const [resourceId, kind] of [
      [VM, 'created'],
      [DISK, 'created'],
      [DISK, 'deleted'],
    ] as const)
      run = applyRunOperation(run, { type: 'resourceEvent', scenarioId: 's1', resourceId, kind });
    const items = resourceItems(run, [
      {
        runId: 'r',
        scenarioId: 's1',
        resourceId: VM,
        resourceType: 'Microsoft.Compute/virtualMachines',
        name: 'vm1',
        created: true,
        deleted: false,
        forceDeleted: true,
        deletionFailed: false,
        updatedAt: '',
      },
      {
        runId: 'r',
        scenarioId: 's1',
        resourceId: DISK,
        created: true,
        deleted: false,
        forceDeleted: false,
        deletionFailed: false,
        updatedAt: '',
      },
    ]);
    expect(items).toEqual([
      {
        resource_id: DISK,
        resource_type: 'Microsoft.Compute/disks',
        name: 'd1',
        scenario_name: 's1',
        status: 'deleted',
      },
      {
        resource_id: VM,
        resource_type: 'Microsoft.Compute/virtualMachines',
        name: 'vm1',
        scenario_name: 's1',
        status: 'force_deleted',
      },
    ]);
  });
});
