import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { modernArmOptions } from '../../adapters/client-options';
import { assertNoSecretValues, createAgentJobs, type AgentJobs } from '../../adapters/container-apps';
import { armContext, recordingRetry, cloudServices } from './helpers/sandbox-context';

const rg = 'rg-agent';
const printEnv = `process.stdout.write(JSON.stringify({ run: process.env.HAYMAKER_RUN_ID, phase: process.env.HAYMAKER_PHASE, secretName: process.env.HAYMAKER_SP_SECRET_NAME, keep: process.env.KEEP }))`;

describe('Container Apps agent job adapter against the sandbox', () => {
  let sandbox: Sandbox;

  const createJob = async (name: string, command: string[]) => {
    const apps = new ContainerAppsAPIClient(
      sandbox.credential,
      sandbox.subscriptionId,
      modernArmOptions(armContext(sandbox)),
    );
    await apps.jobs.createOrUpdate(
      rg,
      name,
      {
        location: 'eastus',
        environmentId: `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.App/managedEnvironments/env`,
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
              command,
              env: [
                { name: 'KEEP', value: 'job-level' },
                { name: 'HAYMAKER_PHASE', value: 'none' },
              ],
            },
          ],
        },
      },
      { updateIntervalInMs: 10 },
    );
  };

  const waitFor = async (jobs: AgentJobs, execution: string, wanted: string[]): Promise<string> => {
    for (let i = 0; i < 400; i += 1) {
      const s = await jobs.status(execution);
      if (s.found && wanted.includes(s.status)) return s.status;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`execution ${execution} never reached ${wanted.join('/')}`);
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    const arm = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      modernArmOptions(armContext(sandbox)),
    );
    await arm.resourceGroups.createOrUpdate(rg, { location: 'eastus' });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('starts an execution whose environment carries the per-execution contract over the job template', async () => {
    await createJob('job-env', [process.execPath, '-e', printEnv]);
    const retry = recordingRetry();
    const jobs = createAgentJobs({
      ...armContext(sandbox, retry),
      job: { resourceGroup: rg, jobName: 'job-env' },
    });
    sandbox.faults.add({ service: 'container-apps', operation: 'Jobs_Start', kind: '503', times: 1 });
    const { executionName } = await jobs.start({
      HAYMAKER_RUN_ID: 'run-ca-1',
      HAYMAKER_PHASE: 'deploy',
      HAYMAKER_SP_SECRET_NAME: 'scenario-sp-x-secret',
    });
    expect(retry.waits).toEqual([1000]);
    sandbox.faults.clear();
    expect(await waitFor(jobs, executionName, ['Succeeded', 'Failed'])).toBe('Succeeded');
    const record = Object.values((sandbox.state().containerApps as any).executions).find(
      (e: any) => e.name === executionName,
    ) as any;
    expect(JSON.parse(record.stdout)).toEqual({
      run: 'run-ca-1',
      phase: 'deploy',
      secretName: 'scenario-sp-x-secret',
      keep: 'job-level',
    });
  });

  it('stops a running execution and reports unknown executions as not found', async () => {
    await createJob('job-long', [process.execPath, '-e', 'setTimeout(() => {}, 60000)']);
    const jobs = createAgentJobs({ ...armContext(sandbox), job: { resourceGroup: rg, jobName: 'job-long' } });
    const { executionName } = await jobs.start({ HAYMAKER_RUN_ID: 'run-ca-2' });
    expect(await waitFor(jobs, executionName, ['Running'])).toBe('Running');
    expect(await jobs.stop(executionName)).toBe('stopped');
    expect(await jobs.status(executionName)).toEqual({ found: true, status: 'Stopped' });
    expect(await jobs.status('job-long-nothere')).toEqual({ found: false });
  });

  it('refuses to put anything that looks like a secret value into a template', () => {
    expect(() => assertNoSecretValues({ AZURE_CLIENT_SECRET: 'x' })).toThrow(/never a value/);
    expect(() => assertNoSecretValues({ HAYMAKER_SP_SECRET_NAME: 'scenario-sp-a-secret' })).not.toThrow();
  });
});
