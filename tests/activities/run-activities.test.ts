import path from 'node:path';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import { createSelectScenarios } from '../../activities/select-scenarios';
import { loadCatalog, selectable } from '../../catalog/load';
import type { ActivityHandlers, ActivityInput } from '../../contract/activities';
import { agentJobEnvironment } from '../../activities/agent-job-env';
import { modernArmOptions } from '../../adapters/client-options';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

describe('run-level activities against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  const jobInput = (phase: 'deploy' | 'operate', burst?: number): ActivityInput<'startAgentJob'> => ({
    runId: 'run0jobs-0001',
    scenarioId: 'compute-01-vm',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T12:00:00.000Z',
    phase,
    ...(burst !== undefined ? { burst } : {}),
    principal: { appId: 'app-1', secretName: 'scenario-sp-compute-01-vm-run0jobs-secret' },
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    deps = await sandboxDependencies(sandbox, { OPERATIONS_WINDOW_MINUTES: '240' });
    handlers = createActivityHandlers(deps);
    const options = modernArmOptions({
      credential: sandbox.credential,
      subscriptionId: sandbox.subscriptionId,
      armEndpoint: sandbox.endpoints.arm,
      tlsCa: sandbox.caCert,
    });
    await new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      options,
    ).resourceGroups.createOrUpdate('rg-haymaker', { location: 'eastus' });
    await new ContainerAppsAPIClient(sandbox.credential, sandbox.subscriptionId, options).jobs.createOrUpdate(
      'rg-haymaker',
      'agent',
      {
        location: 'eastus',
        environmentId: `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-haymaker/providers/Microsoft.App/managedEnvironments/env`,
        configuration: {
          triggerType: 'Manual',
          replicaTimeout: 60,
          manualTriggerConfig: { replicaCompletionCount: 1, parallelism: 1 },
        },
        template: {
          containers: [
            {
              name: 'agent',
              image: 'haymaker/agent:1',
              command: [process.execPath, '-e', 'setTimeout(() => {}, 30000)'],
            },
          ],
        },
      },
      { updateIntervalInMs: 10 },
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('validateConfiguration returns the run settings with request overrides, and refuses a bad request', async () => {
    expect(await handlers.validateConfiguration({})).toMatchObject({
      subscriptionId: sandbox.subscriptionId,
      operationsWindowMinutes: 240,
      operationBursts: 8,
    });
    expect(
      await handlers.validateConfiguration({ operationsWindowMinutes: 30, operationBursts: 2 }),
    ).toMatchObject({ operationsWindowMinutes: 30, operationBursts: 2 });
    await expect(handlers.validateConfiguration({ operationBursts: -1 })).rejects.toThrow(
      /run request is invalid/,
    );
  });

  it('selectScenarios picks the same distinct scenarios for the same seed from the library', async () => {
    const runId = 'run0sel0-0001';
    const a = await handlers.selectScenarios({ runId, request: { size: 'small' }, seed: 'seed-42' });
    const b = await handlers.selectScenarios({ runId, request: { size: 'small' }, seed: 'seed-42' });
    expect(a).toEqual(b);
    expect(a.scenarioIds).toHaveLength(5);
    expect(new Set(a.scenarioIds).size).toBe(5);
    const explicit = await handlers.selectScenarios({
      runId,
      request: { scenarioIds: [a.scenarioIds[0]!] },
      seed: 'x',
    });
    expect(explicit.scenarioIds).toEqual([a.scenarioIds[0]]);
  });

  it('selectScenarios refuses no library scenario: every one stays within the grants HayMaker gives', async () => {
    const bySize = await handlers.selectScenarios({
      runId: 'run0sel0-0002',
      request: { size: 'large' },
      seed: 'seed-7',
    });
    expect(bySize.refused).toEqual([]);
    expect(bySize.scenarioIds).toHaveLength(30);
  });

  it('selectScenarios refuses, with the reasons, a scenario that needs a grant HayMaker cannot give', async () => {
    // A fixture library: an Entra app registration (Graph permission, role assignment) beside a grantable scenario.
    const fixtures = path.join(__dirname, 'fixtures', 'refused-scenarios');
    const select = createSelectScenarios({
      settings: deps.settings,
      scenarios: { list: async () => selectable(loadCatalog({ dir: fixtures }).scenarios) },
    });
    const bySize = await select({ runId: 'run0sel0-0003', request: { size: 'large' }, seed: 'seed-7' });
    expect(bySize.scenarioIds).toEqual(['compute-90-valid']);
    expect(bySize.refused.map((r) => r.scenarioId)).toEqual(['identity-90-app-registration-fixture']);
    expect(bySize.refused[0]!.reasons.join(' ')).toMatch(/AppRoleAssignment\.ReadWrite\.All/);

    const byId = await select({
      runId: 'run0sel0-0003',
      request: { scenarioIds: ['identity-90-app-registration-fixture', 'compute-90-valid'] },
      seed: 'x',
    });
    expect(byId.scenarioIds).toEqual(['compute-90-valid']);
    expect(byId.refused).toEqual([
      {
        scenarioId: 'identity-90-app-registration-fixture',
        reasons: [
          expect.stringMatching(/assign roles/),
          expect.stringMatching(/Graph application permission/),
        ],
      },
    ]);
    expect(Object.keys(byId.grants)).toEqual(['compute-90-valid']);
  });

  it('selectScenarios writes the grant plan of each selected scenario', async () => {
    const runId = 'run0sel0-0002';
    const explicit = await handlers.selectScenarios({
      runId,
      request: { scenarioIds: ['compute-01-linux-vm-patch-check'] },
      seed: 'x',
    });
    expect(explicit.scenarioIds).toEqual(['compute-01-linux-vm-patch-check']);
    expect(explicit.refused).toEqual([]);
    // The grant plan: the scenario's own groups for this run, the roles at them.
    expect(explicit.grants).toEqual({
      'compute-01-linux-vm-patch-check': {
        resourceGroups: ['haymaker-compute01-run0sel0'],
        roles: ['Contributor'],
        // Without HAYMAKER_REGIONS the allowed list is AZURE_LOCATION alone.
        region: deps.settings.location,
      },
    });
  });

  it('recordAuditEvent stores an orchestrator event once across retries', async () => {
    const input = {
      runId: 'run0aud0-0001',
      type: 'execution_started' as const,
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { seed: 's' },
    };
    await handlers.recordAuditEvent(input);
    await handlers.recordAuditEvent(input);
    const events = await deps.audit.listEvents('run0aud0-0001');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'execution_started',
      source: 'orchestrator',
      data: { seed: 's' },
    });
  });

  it('builds the agent job contract environment with secret names only', () => {
    const env = agentJobEnvironment(jobInput('operate', 3), deps.settings);
    expect(env).toMatchObject({
      HAYMAKER_RUN_ID: 'run0jobs-0001',
      HAYMAKER_SCENARIO: 'compute-01-vm',
      HAYMAKER_PHASE: 'operate',
      HAYMAKER_BURST: '3',
      HAYMAKER_SP_CLIENT_ID: 'app-1',
      HAYMAKER_SP_SECRET_NAME: 'scenario-sp-compute-01-vm-run0jobs-secret',
      AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
      KEY_VAULT_URL: sandbox.endpoints.keyVault,
      AZURE_ARM_ENDPOINT: sandbox.endpoints.arm,
      ANTHROPIC_API_KEY_SECRET_NAME: 'anthropic-api-key',
    });
    expect(agentJobEnvironment(jobInput('deploy'), deps.settings).HAYMAKER_BURST).toBeUndefined();
    expect(() => agentJobEnvironment(jobInput('operate'), deps.settings)).toThrow(/burst/);
  });

  it('starts the agent job with that environment and stops it on a deadline', async () => {
    const { executionName } = await handlers.startAgentJob(jobInput('deploy'));
    // A retried start finds the running execution instead of starting a second agent; another burst is new.
    expect(await handlers.startAgentJob(jobInput('deploy'))).toEqual({ executionName });
    const burst = await handlers.startAgentJob(jobInput('operate', 0));
    expect(burst.executionName).not.toBe(executionName);
    await handlers.stopAgentJob(burst);
    const record = Object.values((sandbox.state().containerApps as any).executions).find(
      (e: any) => e.name === executionName,
    ) as any;
    expect(JSON.stringify(record.template)).toContain('scenario-sp-compute-01-vm-run0jobs-secret');
    expect(await handlers.stopAgentJob({ executionName })).toEqual({ stopped: true });
    expect(await deps.agentJobs.status(executionName)).toEqual({ found: true, status: 'Stopped' });
  });

  it('starts a fresh execution when the one an earlier attempt started has ended without success', async () => {
    const input = jobInput('operate', 3);
    const first = await handlers.startAgentJob(input);
    expect(await sandbox.admin.crashExecution(first.executionName)).toBe(true);
    // At most one live execution per run, scenario, phase and burst: a crashed one is not live, so a retry runs the
    // phase again instead of waiting for a completion event that will never come.
    const retried = await handlers.startAgentJob(input);
    expect(retried.executionName).not.toBe(first.executionName);
    // It names the dead one, so the orchestration records the phase as run again after a crash.
    expect(retried.replacedExecutions).toEqual([{ executionName: first.executionName, status: 'Failed' }]);
    expect(await handlers.startAgentJob(input)).toEqual(retried);
    await handlers.stopAgentJob(retried);
  });
});
