import { readFileSync } from 'node:fs';
import { ContainerAppsAPIClient, type Job } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { SandboxService } from '../../sandbox/core/service';
import { serviceFactories } from '../../sandbox/services';
import { armClientOptions, fastPoll } from './helpers/client-options';

const node = process.execPath;
// The child prints the variables the test looks at, as JSON.
const printEnv = `process.stdout.write(JSON.stringify({A: process.env.A, B: process.env.B, S: process.env.S, KV: process.env.KV, CA: process.env.NODE_EXTRA_CA_CERTS, FILE: process.env.HAYMAKER_SANDBOX_FILE, JOB: process.env.CONTAINER_APP_JOB_NAME, EXECUTION: process.env.CONTAINER_APP_JOB_EXECUTION_NAME, PATH: process.env.PATH}))`;

// Stands in for part B's Key Vault service: offers the lookup Container Apps uses for keyVaultUrl secrets.
const vaultLookup = (): SandboxService => ({
  name: 'vault-lookup',
  endpoint: 'keyVault',
  register(_router, ctx) {
    ctx.lookups.keyVaultSecretValue = (url) =>
      url.endsWith('/secrets/agent-key') ? 'kv-value-1' : undefined;
  },
});

describe('sandbox Container Apps jobs with the real SDK client', () => {
  let sandbox: Sandbox;
  let apps: ContainerAppsAPIClient;
  const rg = 'rg-jobs';

  const jobBody = (command: string[], extra: Partial<Job> = {}): Job => ({
    location: 'eastus',
    environmentId: `/subscriptions/x/resourceGroups/${rg}/providers/Microsoft.App/managedEnvironments/env`,
    configuration: {
      triggerType: 'Manual',
      replicaTimeout: 60,
      manualTriggerConfig: { replicaCompletionCount: 1, parallelism: 1 },
      secrets: [
        { name: 'plain', value: 'plain-secret-value' },
        { name: 'from-kv', keyVaultUrl: 'https://vault.example/secrets/agent-key', identity: 'system' },
      ],
    },
    template: {
      containers: [
        {
          name: 'agent',
          image: 'haymaker/agent:1',
          command,
          env: [
            { name: 'A', value: 'from-job' },
            { name: 'B', value: 'job-b' },
            { name: 'S', secretRef: 'plain' },
            { name: 'KV', secretRef: 'from-kv' },
          ],
        },
      ],
    },
    ...extra,
  });

  async function waitForStatus(job: string, execution: string, statuses: string[]): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const e = await apps.jobExecution(rg, job, execution);
      if (statuses.includes(e.status ?? '')) return e.status!;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`execution ${execution} never reached ${statuses.join('/')}`);
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      services: [...serviceFactories, vaultLookup],
      agentPathPrepend: '/opt/az-standin',
    });
    const arm = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    await arm.resourceGroups.createOrUpdate(rg, { location: 'eastus' });
    apps = new ContainerAppsAPIClient(sandbox.credential, sandbox.subscriptionId, armClientOptions(sandbox));
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('creates and gets a job without ever returning secret values', async () => {
    const created = await apps.jobs.createOrUpdate(rg, 'job-env', jobBody([node, '-e', printEnv]), fastPoll);
    expect(created).toMatchObject({
      name: 'job-env',
      type: 'Microsoft.App/jobs',
      provisioningState: 'Succeeded',
    });
    const got = await apps.jobs.get(rg, 'job-env');
    expect(got.configuration?.secrets?.map((s) => s.name)).toEqual(['plain', 'from-kv']);
    expect(JSON.stringify(got)).not.toContain('plain-secret-value');
  });

  it('runs an execution as a local process with job env, override env, resolved secrets and sandbox extras', async () => {
    const started = await apps.jobs.start(rg, 'job-env', {
      ...fastPoll,
      template: {
        containers: [
          { name: 'agent', image: 'haymaker/agent:1', env: [{ name: 'A', value: 'from-override' }] },
        ],
      },
    });
    expect(started.name).toMatch(/^job-env-[a-z0-9]{7}$/);
    expect(await waitForStatus('job-env', started.name!, ['Succeeded', 'Failed'])).toBe('Succeeded');

    const record = Object.values((sandbox.state().containerApps as any).executions).find(
      (e: any) => e.name === started.name,
    ) as any;
    const seen = JSON.parse(record.stdout);
    expect(seen).toMatchObject({
      A: 'from-override',
      B: 'job-b',
      S: 'plain-secret-value',
      KV: 'kv-value-1',
      CA: sandbox.caCertPath,
      FILE: sandbox.publicSandboxFile,
      // Container Apps' built-in job variables (learn.microsoft.com/azure/container-apps/environment-variables).
      JOB: 'job-env',
      EXECUTION: started.name,
    });
    expect(seen.PATH.startsWith('/opt/az-standin:')).toBe(true);
    expect(JSON.parse(readFileSync(seen.FILE, 'utf8')).endpoints.arm).toBe(sandbox.endpoints.arm);
    // The execution's recorded template names the secret, never its value.
    expect(JSON.stringify(record.template)).not.toContain('plain-secret-value');

    const listed = [];
    for await (const e of apps.jobsExecutions.list(rg, 'job-env')) listed.push(e);
    expect(listed.map((e) => [e.name, e.status])).toEqual([[started.name, 'Succeeded']]);
  });

  it('reports Failed when the process exits non-zero and keeps its stderr', async () => {
    await apps.jobs.createOrUpdate(
      rg,
      'job-fail',
      jobBody([node, '-e', 'console.error("boom"); process.exit(3)']),
      fastPoll,
    );
    const started = await apps.jobs.start(rg, 'job-fail', fastPoll);
    expect(await waitForStatus('job-fail', started.name!, ['Succeeded', 'Failed'])).toBe('Failed');
    const record = Object.values((sandbox.state().containerApps as any).executions).find(
      (e: any) => e.name === started.name,
    ) as any;
    expect(record).toMatchObject({ exitCode: 3, stderr: 'boom\n' });
  });

  it('stops a running execution (Stopped) and filters executions by status', async () => {
    await apps.jobs.createOrUpdate(
      rg,
      'job-long',
      jobBody([node, '-e', 'setTimeout(() => {}, 60000)']),
      fastPoll,
    );
    const started = await apps.jobs.start(rg, 'job-long', fastPoll);
    expect(await waitForStatus('job-long', started.name!, ['Running'])).toBe('Running');
    const running = [];
    for await (const e of apps.jobsExecutions.list(rg, 'job-long', { filter: "status eq 'Running'" }))
      running.push(e.name);
    expect(running).toEqual([started.name]);
    await apps.jobs.stopExecution(rg, 'job-long', started.name!, fastPoll);
    expect((await apps.jobExecution(rg, 'job-long', started.name!)).status).toBe('Stopped');
  });

  it('marks an execution Failed when its process crashes', async () => {
    await apps.jobs.createOrUpdate(
      rg,
      'job-crash',
      jobBody([node, '-e', 'setTimeout(() => {}, 60000)']),
      fastPoll,
    );
    const started = await apps.jobs.start(rg, 'job-crash', fastPoll);
    await waitForStatus('job-crash', started.name!, ['Running']);
    expect(await sandbox.admin.crashExecution(started.name!)).toBe(true);
    expect((await apps.jobExecution(rg, 'job-crash', started.name!)).status).toBe('Failed');
    expect(await sandbox.admin.crashExecution(started.name!)).toBe(false);
  });

  it('fails an execution whose secret cannot be resolved', async () => {
    const body = jobBody([node, '-e', '0']);
    body.configuration!.secrets = [{ name: 'from-kv', keyVaultUrl: 'https://vault.example/secrets/missing' }];
    body.template!.containers![0].env = [{ name: 'KV', secretRef: 'from-kv' }];
    await apps.jobs.createOrUpdate(rg, 'job-nosecret', body, fastPoll);
    const started = await apps.jobs.start(rg, 'job-nosecret', fastPoll);
    expect((await apps.jobExecution(rg, 'job-nosecret', started.name!)).status).toBe('Failed');
  });

  it('deletes a job as an LRO, ending its running executions, and answers 404 afterwards', async () => {
    await apps.jobs.createOrUpdate(
      rg,
      'job-del',
      jobBody([node, '-e', 'setTimeout(() => {}, 60000)']),
      fastPoll,
    );
    const started = await apps.jobs.start(rg, 'job-del', fastPoll);
    await waitForStatus('job-del', started.name!, ['Running']);
    await apps.jobs.delete(rg, 'job-del', fastPoll);
    await expect(apps.jobs.get(rg, 'job-del')).rejects.toMatchObject({ statusCode: 404 });
    const record = Object.values((sandbox.state().containerApps as any).executions).find(
      (e: any) => e.name === started.name,
    ) as any;
    expect(record.status).toBe('Stopped');
  });

  it('ends running executions when their resource group is deleted', async () => {
    const arm = new ResourceManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    await arm.resourceGroups.createOrUpdate('rg-jobs-gone', { location: 'eastus' });
    await apps.jobs.createOrUpdate(
      'rg-jobs-gone',
      'job-in-group',
      jobBody([node, '-e', 'setTimeout(() => {}, 60000)']),
      fastPoll,
    );
    const started = await apps.jobs.start('rg-jobs-gone', 'job-in-group', fastPoll);
    await arm.resourceGroups.delete('rg-jobs-gone', fastPoll);
    const record = () =>
      Object.values((sandbox.state().containerApps as any).executions).find(
        (e: any) => e.name === started.name,
      ) as any;
    for (let i = 0; i < 200 && record().status === 'Running'; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(record().status).toBe('Stopped');
  });

  it('reports a failed start LRO as a failure', async () => {
    await apps.jobs.createOrUpdate(rg, 'job-lro', jobBody([node, '-e', '0']), fastPoll);
    sandbox.faults.add({ service: 'container-apps', operation: 'Jobs_Start', kind: 'lro-fail', times: 1 });
    await expect(apps.jobs.start(rg, 'job-lro', fastPoll)).rejects.toThrow(/failed/i);
    const again = await apps.jobs.start(rg, 'job-lro', fastPoll);
    expect(await waitForStatus('job-lro', again.name!, ['Succeeded', 'Failed'])).toBe('Succeeded');
  });
});
