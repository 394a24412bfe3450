// Local mode: the sandbox cloud, the agent job inside it, and the embedded Functions host running the unchanged
// app, pointed at the sandbox through configuration only (endpoints and credential differ, nothing else).
import { join } from 'node:path';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecretClient } from '@azure/keyvault-secrets';
import { PARSER_NODE_ARGS } from '../../core/shell/node-args';
import { startEmbeddedHost, type EmbeddedHost } from '../../embedded-host';
import { createAzureServiceBusSource } from '../../embedded-host/triggers/azure-service-bus';
import { scaledAzureLags, startSandbox, type Sandbox } from '../../sandbox';
import { localHostKey, recordLocalEndpoint } from './local-api';
import type { LocalPaths } from './paths';

export const LOCAL_JOB = { resourceGroup: 'haymaker-platform', jobName: 'haymaker-agent' } as const;

export const LOCAL_SERVICE_BUS_NAMESPACE = 'haymaker-sandbox.servicebus.windows.net';
/** A stand-in key for the sandbox's scripted Messages API; it is stored in the sandbox vault like the real one. */
const LOCAL_ANTHROPIC_KEY_NAME = 'anthropic-api-key';

export interface LocalStackOptions {
  paths: LocalPaths;
  /** Orchestration time per wall-clock time (600: an 8-hour window passes in 48 s). */
  timeScale: number;
  port?: number;
  /** Settings layered over the local defaults (e.g. OPERATIONS_WINDOW_MINUTES). */
  settings?: Record<string, string>;
  log?: (message: string) => void;
}

export interface LocalStack {
  sandbox: Sandbox;
  host: EmbeddedHost;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The sandbox broker's AMQP endpoint under the host name its certificate also names (`localhost`). The Service Bus SDK
 * hands the endpoint's host to TLS as the server name (rhea sets `servername = host`), and Node warns (DEP0123) when
 * that is an IP address, as RFC 6066 forbids: `sb://127.0.0.1:…` printed the warning on every `npm start`.
 */
export function serviceBusEndpointByName(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  return url.toString().replace(/\/$/, '');
}

/** The app settings the unchanged app reads in local mode (same keys as the Function App's in Azure). */
export function localAppSettings(
  sandbox: Sandbox,
  paths: LocalPaths,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    HAYMAKER_ENVIRONMENT: 'local',
    AZURE_TENANT_ID: sandbox.tenantId,
    // The app signs in as the orchestrator principal (the identities table's grants) at the sandbox's Entra.
    AZURE_CLIENT_ID: sandbox.principals.orchestrator.clientId,
    AZURE_CLIENT_SECRET: sandbox.principals.orchestrator.clientSecret,
    AZURE_AUTHORITY_HOST: sandbox.endpoints.login,
    AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
    // The prod shape: HayMaker's own resources (the agent job) are in a subscription of their own.
    PLATFORM_SUBSCRIPTION_ID: sandbox.subscriptions.platform,
    AZURE_LOCATION: sandbox.location,
    KEY_VAULT_URL: sandbox.endpoints.keyVault,
    SERVICE_BUS_NAMESPACE: LOCAL_SERVICE_BUS_NAMESPACE,
    ServiceBusConnection__fullyQualifiedNamespace: LOCAL_SERVICE_BUS_NAMESPACE,
    SERVICE_BUS_ENDPOINT: serviceBusEndpointByName(sandbox.endpoints.serviceBus),
    SERVICE_BUS_QUEUE: 'agent-events',
    CONTAINER_APPS_RESOURCE_GROUP: LOCAL_JOB.resourceGroup,
    CONTAINER_APPS_JOB_NAME: LOCAL_JOB.jobName,
    AZURE_ARM_ENDPOINT: sandbox.endpoints.arm,
    MICROSOFT_GRAPH_ENDPOINT: sandbox.endpoints.graph,
    ANTHROPIC_BASE_URL: sandbox.endpoints.anthropic,
    ANTHROPIC_API_KEY_SECRET_NAME: LOCAL_ANTHROPIC_KEY_NAME,
    HAYMAKER_SCENARIOS_DIR: paths.scenariosDir,
    HAYMAKER_REPORTS_DIR: paths.reportsDir,
    HAYMAKER_AUDIT_DIR: join(paths.dataDir, 'audit'),
    // Runs are started by `haymaker start`; on a scaled clock the 4x-daily timer would otherwise fire every few seconds.
    SCHEDULE_CRON: '0 0 0 1 1 *',
    JANITOR_CRON: '0 30 */6 * * *',
    // Agent jobs run in wall-clock time while orchestration time is scaled: deadlines must leave them room.
    PHASE_DEADLINE_MINUTES: '600',
    BURST_DEADLINE_MINUTES: '300',
    // The agent watchdog fires on the scaled clock: every 10 orchestration minutes (1 s of wall time at x600) rather
    // than every minute. Its grace is measured by the triggers' clock, which is wall time here (app/composition.ts):
    // 5 s for the agent's last event to cross the local Service Bus.
    AGENT_WATCHDOG_CRON: '0 */10 * * * *',
    AGENT_CRASH_GRACE_SECONDS: '5',
    // Agent time is real time multiplied by the scale, so a run outlasts the 12 h production expiry here.
    RUN_EXPIRY_HOURS: '72',
    OPERATION_BURSTS: '3',
    ...extra,
  };
}

/** Creates (or updates: PUT is idempotent) the agent job whose executions run the compiled agent runtime. */
async function ensureAgentJob(sandbox: Sandbox, paths: LocalPaths): Promise<void> {
  const options = {
    endpoint: sandbox.endpoints.arm,
    credentialScopes: ['https://management.azure.com/.default'],
  };
  // The deployer (the sandbox's tenant admin) creates the platform's job, as `azd up` does in Azure: in the platform
  // subscription, where the identities table's agentJob scope (the orchestrator's Container Apps Jobs Operator) is.
  const resources = new ResourceManagementClient(sandbox.credential, sandbox.subscriptions.platform, options);
  await resources.resourceGroups.createOrUpdate(LOCAL_JOB.resourceGroup, {
    location: sandbox.location,
    tags: { purpose: 'haymaker-platform' },
  });
  const apps = new ContainerAppsAPIClient(sandbox.credential, sandbox.subscriptions.platform, options);
  await apps.jobs.beginCreateOrUpdateAndWait(
    LOCAL_JOB.resourceGroup,
    LOCAL_JOB.jobName,
    {
      location: sandbox.location,
      tags: { purpose: 'haymaker-platform' },
      // The agent runs as the agent identity (Key Vault Secrets User, Service Bus Data Sender), as in Bicep.
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [sandbox.platform.identities.agent]: {} },
      },
      configuration: {
        triggerType: 'Manual',
        replicaTimeout: 3600,
        replicaRetryLimit: 0,
        manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
      },
      template: {
        containers: [
          {
            name: 'agent',
            image: 'haymaker-agent:local',
            command: [process.execPath],
            args: [...PARSER_NODE_ARGS, paths.agentEntry],
            resources: { cpu: 0.5, memory: '1Gi' },
            env: [
              { name: 'HAYMAKER_SCENARIOS_DIR', value: paths.scenariosDir },
              { name: 'AZURE_CLIENT_ID', value: sandbox.principals.agent.clientId },
            ],
          },
        ],
      },
    },
    { updateIntervalInMs: 50 },
  );
}

async function ensureAnthropicKey(sandbox: Sandbox): Promise<void> {
  const secrets = new SecretClient(sandbox.endpoints.keyVault, sandbox.credential, {
    disableChallengeResourceVerification: true,
  });
  const existing = await secrets.getSecret(LOCAL_ANTHROPIC_KEY_NAME).catch(() => undefined);
  if (!existing)
    await secrets.setSecret(LOCAL_ANTHROPIC_KEY_NAME, 'sk-ant-sandbox-local', {
      contentType: 'sandbox stand-in key',
    });
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { paths } = options;
  const log = options.log ?? (() => undefined);
  const sandbox = await startSandbox({
    dataDir: paths.sandboxDir,
    persistState: true,
    sandboxFile: paths.sandboxFile,
    agentPathPrepend: paths.azStandinBin,
    // Azure's eventual consistency, on the run's clock: principals, secrets and role assignments take effect late,
    // deleted items show late, the graph index lags (sandbox/core/lags.ts has the sources).
    settings: scaledAzureLags(options.timeScale),
  });
  let host: EmbeddedHost | undefined;
  try {
    log(`sandbox cloud ready (ARM ${sandbox.endpoints.arm}); state in ${paths.sandboxDir}`);
    await ensureAgentJob(sandbox, paths);
    await ensureAnthropicKey(sandbox);
    const hostKey = localHostKey(paths.sandboxDir);
    // The app checks API rights itself (triggers/http/authorize.ts): locally the host key is the operate key.
    const env = { ...localAppSettings(sandbox, paths, options.settings), HAYMAKER_API_OPERATE_KEY: hostKey };
    host = await startEmbeddedHost({
      appEntry: paths.appEntry,
      dataDir: join(paths.dataDir, 'taskhub'),
      ...(options.port !== undefined ? { port: options.port } : {}),
      clock: options.timeScale === 1 ? { kind: 'real' } : { kind: 'scaled', factor: options.timeScale },
      env,
      hostKey,
      // The Service Bus trigger connects with the orchestrator identity (ServiceBusConnection in Azure).
      serviceBus: createAzureServiceBusSource({ credential: sandbox.credentialFor('orchestrator') }),
      logger: (level, message) => {
        if (level === 'error' || level === 'critical') log(`host ${level}: ${message}`);
      },
    });
    recordLocalEndpoint(paths.sandboxDir, host.url);
    log(`embedded Functions host listening on ${host.url}`);
    const started = host;
    return {
      sandbox,
      host: started,
      env,
      stop: async () => {
        await started.stop();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await host?.stop().catch(() => undefined);
    await sandbox.stop().catch(() => undefined);
    throw error;
  }
}
