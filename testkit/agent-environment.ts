// The environment one agent job gets against a running sandbox, as the sandbox's job runner sets it (the az
// stand-in first on PATH: it is never in the image). Shared by the agent tests and the agent benchmark.
import path from 'node:path';
import type { Sandbox } from '../sandbox';
import { repoRoot } from '../cli/local/paths';

export interface AgentEnvironmentOptions {
  /** The job's home and scenarios folder. */
  dir: string;
  runId: string;
  scenarioId: string;
  spClientId: string;
  spSecretName: string;
}

export function agentEnvironment(sandbox: Sandbox, o: AgentEnvironmentOptions): NodeJS.ProcessEnv {
  return {
    PATH: `${path.join(repoRoot(), 'sandbox', 'az-standin', 'bin')}:${process.env.PATH}`,
    HOME: o.dir,
    HAYMAKER_AZ_STANDIN_LOG: path.join(o.dir, 'az-standin.log'),
    NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
    // sandbox.json without the principals' secrets, and the job's managed identity (the agent identity of
    // core/authorization/identities.json) as a job execution reaches it.
    HAYMAKER_SANDBOX_FILE: sandbox.publicSandboxFile,
    ...sandbox.admin.managedIdentityEnvironment('agent'),
    HAYMAKER_RUN_ID: o.runId,
    HAYMAKER_SCENARIO: o.scenarioId,
    HAYMAKER_CREATED_AT: '2026-11-23T12:00:00Z',
    HAYMAKER_EXPIRES_AT: '2026-11-24T00:00:00Z',
    AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
    AZURE_TENANT_ID: sandbox.tenantId,
    HAYMAKER_SP_CLIENT_ID: o.spClientId,
    HAYMAKER_SP_SECRET_NAME: o.spSecretName,
    KEY_VAULT_URL: sandbox.endpoints.keyVault,
    SERVICE_BUS_NAMESPACE: 'haymaker.servicebus.windows.net',
    SERVICE_BUS_ENDPOINT: sandbox.endpoints.serviceBus,
    HAYMAKER_SCENARIOS_DIR: o.dir,
  };
}
