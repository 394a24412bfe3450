import { AgentConfigError, loadAgentConfig } from '../../agent-runtime/config/agent-config';

const valid = {
  HAYMAKER_RUN_ID: 'c0ffee42-7d1e-4b6a-9f00-123456789abc',
  HAYMAKER_SCENARIO: 'compute-00-example-template',
  HAYMAKER_PHASE: 'deploy',
  HAYMAKER_CREATED_AT: '2026-11-23T12:00:00Z',
  HAYMAKER_EXPIRES_AT: '2026-11-24T00:00:00Z',
  AZURE_SUBSCRIPTION_ID: '6d9a1f3e-0000-4000-8000-00000000a001',
  AZURE_TENANT_ID: 'tenant',
  HAYMAKER_SP_CLIENT_ID: 'app',
  HAYMAKER_SP_SECRET_NAME: 'scenario-sp-compute-00-example-template-c0ffee42-secret',
  KEY_VAULT_URL: 'https://kv.vault.azure.net/',
  SERVICE_BUS_NAMESPACE: 'hm.servicebus.windows.net',
};

describe('agent job contract', () => {
  it('applies the documented defaults', () => {
    const config = loadAgentConfig(valid);
    expect(config).toMatchObject({
      phase: 'deploy',
      location: 'eastus',
      serviceBus: { queue: 'agent-events' },
      anthropic: { model: 'claude-sonnet-4-6', apiKeySecretName: 'anthropic-api-key' },
      scenariosDir: '/app/scenarios',
      stepTimeoutInSeconds: 600,
      repairAttemptsPerStep: 3,
    });
    expect(config.burst).toBeUndefined();
  });

  it('reads the execution name Container Apps sets in every job execution', () => {
    expect(
      loadAgentConfig({ ...valid, CONTAINER_APP_JOB_EXECUTION_NAME: 'haymaker-agent-x1y2z3a' }),
    ).toMatchObject({ executionName: 'haymaker-agent-x1y2z3a' });
    expect(loadAgentConfig(valid).executionName).toBeUndefined();
  });

  it('reads the burst of an operate phase as a number', () => {
    expect(loadAgentConfig({ ...valid, HAYMAKER_PHASE: 'operate', HAYMAKER_BURST: '4' }).burst).toBe(4);
  });

  it('reports every problem at once and never echoes a secret value', () => {
    const secret = 'injected-secret-value-123';
    let error: unknown;
    try {
      loadAgentConfig({
        ...valid,
        HAYMAKER_PHASE: 'operate',
        HAYMAKER_SCENARIO: 'Not An Id',
        KEY_VAULT_URL: 'nope',
        HAYMAKER_SP_SECRET: secret,
        HAYMAKER_REPAIR_ATTEMPTS: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AgentConfigError);
    const problems = (error as AgentConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual([
      'HAYMAKER_BURST',
      'HAYMAKER_REPAIR_ATTEMPTS',
      'HAYMAKER_SCENARIO',
      'KEY_VAULT_URL',
    ]);
    expect((error as Error).message).not.toContain(secret);
  });
});
