// The production shape: HayMaker's own resources, the agent job among them, live in a platform subscription of their
// own, and the orchestrator fills another. Its Container Apps client must be built for the platform subscription,
// and it must hold a role on the job there (the identities table's Container Apps Jobs Operator at agentJob): its
// Contributor is on the target subscription only. The sandbox is in the prod shape by default and enforces RBAC.
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { PLATFORM_RESOURCE_GROUP } from '../../sandbox/platform';
import { createActivityHandlers } from '../../activities';
import type { ActivityInput } from '../../contract/activities';
import { modernArmOptions } from '../../adapters/client-options';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

const JOB = 'haymaker-agent';

describe('the agent job in the platform subscription (prod shape)', () => {
  let sandbox: Sandbox;
  const start: ActivityInput<'startAgentJob'> = {
    runId: 'run0prod-0001',
    scenarioId: 'compute-01-linux-vm-patch-check',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T12:00:00.000Z',
    phase: 'deploy',
    principal: { appId: 'app-1', secretName: 'scenario-sp-compute-01-linux-vm-patch-check-run0prod-secret' },
  };
  const jobSettings = {
    CONTAINER_APPS_RESOURCE_GROUP: PLATFORM_RESOURCE_GROUP,
    CONTAINER_APPS_JOB_NAME: JOB,
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    expect(sandbox.subscriptions.platform).not.toBe(sandbox.subscriptions.target);
    // The deployer (the sandbox's tenant admin) creates the job where Bicep does: with the platform.
    const options = modernArmOptions({
      credential: sandbox.credential,
      subscriptionId: sandbox.subscriptions.platform,
      armEndpoint: sandbox.endpoints.arm,
      tlsCa: sandbox.caCert,
    });
    await new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptions.platform,
      options,
    ).resourceGroups.createOrUpdate(PLATFORM_RESOURCE_GROUP, { location: 'eastus' });
    await new ContainerAppsAPIClient(
      sandbox.credential,
      sandbox.subscriptions.platform,
      options,
    ).jobs.beginCreateOrUpdateAndWait(
      PLATFORM_RESOURCE_GROUP,
      JOB,
      {
        location: 'eastus',
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: { [sandbox.platform.identities.agent]: {} },
        },
        configuration: {
          triggerType: 'Manual',
          replicaTimeout: 60,
          manualTriggerConfig: { replicaCompletionCount: 1, parallelism: 1 },
        },
        template: {
          containers: [{ name: 'agent', image: 'haymaker/agent:1', command: [process.execPath, '-e', '0'] }],
        },
      },
      { updateIntervalInMs: 10 },
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('starts, finds and stops executions with the orchestrator principal when PLATFORM_SUBSCRIPTION_ID names the platform', async () => {
    const handlers = createActivityHandlers(
      await sandboxDependencies(sandbox, {
        ...jobSettings,
        PLATFORM_SUBSCRIPTION_ID: sandbox.subscriptions.platform,
      }),
    );
    const { executionName } = await handlers.startAgentJob(start);
    expect(executionName).toMatch(/\S/);
    // A retried start finds that execution instead of starting a second agent.
    expect((await handlers.startAgentJob(start)).executionName).toBe(executionName);
    expect(await handlers.stopAgentJob({ executionName })).toEqual({ stopped: expect.any(Boolean) });
  });

  it('cannot reach the job with a client built for the target subscription (the defect this fixes)', async () => {
    const handlers = createActivityHandlers(await sandboxDependencies(sandbox, jobSettings));
    await expect(handlers.startAgentJob({ ...start, phase: 'cleanup' })).rejects.toThrow(/haymaker-agent/);
  });
});
