// Regions end to end against the sandbox: selection plans a region, createResourceGroups makes the groups there, the
// agent job gets it as AZURE_LOCATION, and ARM refuses a group or resource in a region the subscription cannot use
// with its real error codes (sandbox/arm/locations.ts cites the bodies).
import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import { agentJobEnvironment } from '../../activities/agent-job-env';
import type { ActivityHandlers } from '../../contract/activities';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';
import { armClientOptions, fastPoll } from '../sandbox/helpers/client-options';

describe('regions against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  let arm: ResourceManagementClient;
  const ctx = {
    runId: 'run0regn-0001',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T12:00:00.000Z',
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    deps = await sandboxDependencies(sandbox, { HAYMAKER_REGIONS: 'westeurope,swedencentral' });
    handlers = createActivityHandlers(deps);
    arm = new ResourceManagementClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('makes the scenario groups in the region selection planned', async () => {
    const selected = await handlers.selectScenarios({
      runId: ctx.runId,
      request: { scenarioIds: ['compute-01-linux-vm-patch-check'] },
      seed: 'seed-9',
    });
    const plan = selected.grants['compute-01-linux-vm-patch-check']!;
    expect(['westeurope', 'swedencentral']).toContain(plan.region);
    await handlers.createResourceGroups({
      ...ctx,
      scenarioId: 'compute-01-linux-vm-patch-check',
      resourceGroups: plan.resourceGroups,
      location: plan.region!,
    });
    const group = await arm.resourceGroups.get(plan.resourceGroups[0]!);
    expect(group.location).toBe(plan.region);
  });

  it('hands the agent its scenario region as AZURE_LOCATION, AZURE_LOCATION without one', () => {
    const job = {
      ...ctx,
      scenarioId: 'compute-01-linux-vm-patch-check',
      phase: 'deploy' as const,
      principal: { appId: 'app-1', secretName: 's' },
    };
    expect(agentJobEnvironment({ ...job, region: 'swedencentral' }, deps.settings).AZURE_LOCATION).toBe(
      'swedencentral',
    );
    expect(agentJobEnvironment(job, deps.settings).AZURE_LOCATION).toBe(deps.settings.location);
  });

  it('refuses a resource group in a region that does not exist, or that the subscription cannot use', async () => {
    for (const location of ['marsnorth', 'francesouth']) {
      const error = await arm.resourceGroups.createOrUpdate('rg-nowhere', { location }).then(
        () => undefined,
        (e: { statusCode?: number; code?: string; message: string }) => e,
      );
      expect(error).toMatchObject({ statusCode: 400, code: 'LocationNotAvailableForResourceGroup' });
      expect(error?.message).toMatch(
        new RegExp(
          `^The provided location '${location}' is not available for resource group\\. List of available regions is '.*westeurope.*'\\.$`,
        ),
      );
    }
    await expect(
      handlers.createResourceGroups({
        ...ctx,
        scenarioId: 'x-01-y',
        resourceGroups: ['rg-nowhere'],
        location: 'marsnorth',
      }),
    ).rejects.toThrow(/LocationNotAvailableForResourceGroup|not available for resource group/);
  });

  it('refuses a resource in a region that does not exist, and takes `global`', async () => {
    await arm.resourceGroups.createOrUpdate('rg-where', { location: 'westeurope' });
    const id = (type: string, name: string) =>
      `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-where/providers/${type}/${name}`;
    const error = await arm.resources
      .createOrUpdateById(
        id('Microsoft.Storage/storageAccounts', 'stnowhere'),
        '2023-05-01',
        { location: 'marsnorth' },
        fastPoll,
      )
      .then(
        () => undefined,
        (e: { statusCode?: number; code?: string; message: string }) => e,
      );
    expect(error).toMatchObject({ statusCode: 400, code: 'LocationNotAvailableForResourceType' });
    expect(error?.message).toContain(
      "The provided location 'marsnorth' is not available for resource type 'Microsoft.Storage/storageAccounts'. List of available regions for the resource type is '",
    );
    const zone = await arm.resources.createOrUpdateById(
      id('Microsoft.Network/privateDnsZones', 'privatelink.blob.core.windows.net'),
      '2024-06-01',
      { location: 'global' },
      fastPoll,
    );
    expect(zone.location).toBe('global');
  });
});
