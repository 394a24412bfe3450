import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { modernArmOptions } from '../../adapters/client-options';
import { createResourceGraph } from '../../adapters/resource-graph';
import { buildTaggedQuery, kqlString } from '../../adapters/resource-graph-query';
import { armContext, recordingRetry, runTags, cloudServices } from './helpers/sandbox-context';

describe('Resource Graph query builder', () => {
  it('escapes quotes and backslashes so a value cannot end the literal', () => {
    expect(kqlString("it's")).toBe("'it\\'s'");
    expect(kqlString('a\\b')).toBe("'a\\\\b'");
    expect(kqlString("x' or 1==1 //")).toBe("'x\\' or 1==1 //'");
    expect(() => kqlString('line\nbreak')).toThrow(/control character/);
  });

  it('filters by ExecutionId and Scenario, and ResourceContainers by resource group type', () => {
    expect(buildTaggedQuery({ table: 'Resources', runId: 'run-1', scenarioId: 'compute-01-vm' })).toBe(
      [
        'Resources',
        "| where tags['ExecutionId'] == 'run-1'",
        "| where tags['Scenario'] == 'compute-01-vm'",
        '| project id, name, type, resourceGroup, subscriptionId, tags',
        '| order by id asc',
      ].join('\n'),
    );
    expect(buildTaggedQuery({ table: 'ResourceContainers', runId: 'r' })).toContain(
      "| where type =~ 'microsoft.resources/subscriptions/resourcegroups'",
    );
  });
});

describe('Resource Graph adapter against the sandbox', () => {
  let sandbox: Sandbox;
  let arm: ResourceManagementClient;
  const rgId = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    arm = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      modernArmOptions(armContext(sandbox)),
    );
    await arm.resourceGroups.createOrUpdate('rg-run', {
      location: 'eastus',
      tags: runTags('run-rg-1', 'storage-01-blob'),
    });
    await arm.resourceGroups.createOrUpdate('rg-other-run', {
      location: 'eastus',
      tags: runTags('run-rg-2', 'storage-01-blob'),
    });
    // 250 tagged resources force at least three pages; decoys: untagged, other run, other scenario, a quote in a value.
    for (let i = 0; i < 250; i += 1) {
      sandbox.admin.putDecoyResource({
        id: `${rgId('rg-run')}/providers/Microsoft.Storage/storageAccounts/st${i}`,
        location: 'eastus',
        tags: runTags('run-rg-1', 'storage-01-blob'),
      });
    }
    sandbox.admin.putDecoyResource({
      id: `${rgId('rg-run')}/providers/Microsoft.Storage/storageAccounts/untagged`,
      location: 'eastus',
      tags: {},
    });
    sandbox.admin.putDecoyResource({
      id: `${rgId('rg-other-run')}/providers/Microsoft.Storage/storageAccounts/other`,
      location: 'eastus',
      tags: runTags('run-rg-2', 'storage-01-blob'),
    });
    sandbox.admin.putDecoyResource({
      id: `${rgId('rg-run')}/providers/Microsoft.Storage/storageAccounts/otherscenario`,
      location: 'eastus',
      tags: runTags('run-rg-1', 'compute-01-vm'),
    });
    sandbox.admin.putDecoyResource({
      id: `${rgId('rg-run')}/providers/Microsoft.Storage/storageAccounts/quoted`,
      location: 'eastus',
      tags: runTags("run-rg-1' or '1'=='1", 'storage-01-blob'),
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('returns every tagged resource of the run and scenario across skipToken pages, and nothing else', async () => {
    const graph = createResourceGraph({ ...armContext(sandbox), pageSize: 100 });
    const before = sandbox.requestLog().length;
    const rows = await graph.findTagged('Resources', 'run-rg-1', 'storage-01-blob');
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(250);
    expect(
      rows.every((r) => r.tags.ExecutionId === 'run-rg-1' && r.tags.Scenario === 'storage-01-blob'),
    ).toBe(true);
    expect(
      sandbox
        .requestLog()
        .slice(before)
        .filter((e) => e.service === 'resource-graph'),
    ).toHaveLength(3);
    const withoutScenario = await graph.findTagged('Resources', 'run-rg-1');
    expect(withoutScenario.map((r) => r.name)).toContain('otherscenario');
    expect(withoutScenario.map((r) => r.name)).not.toContain('quoted');
  });

  it('finds resource groups in ResourceContainers', async () => {
    const graph = createResourceGraph(armContext(sandbox));
    const groups = await graph.findTagged('ResourceContainers', 'run-rg-1');
    expect(groups.map((g) => g.name)).toEqual(['rg-run']);
  });

  it('treats an injected quote as data, not query', async () => {
    const graph = createResourceGraph(armContext(sandbox));
    const rows = await graph.findTagged('Resources', "run-rg-1' or '1'=='1");
    expect(rows.map((r) => r.name)).toEqual(['quoted']);
  });

  it('recovers from a 429 on a page', async () => {
    const retry = recordingRetry();
    const graph = createResourceGraph({ ...armContext(sandbox, retry), pageSize: 100 });
    sandbox.faults.add({ service: 'resource-graph', kind: '429', schedule: [2], retryAfterSeconds: 2 });
    expect(await graph.findTagged('Resources', 'run-rg-1', 'storage-01-blob')).toHaveLength(250);
    expect(retry.waits).toEqual([2000]);
    sandbox.faults.clear();
  });
});
