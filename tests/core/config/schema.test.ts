// The configuration schema: defaults, every key read, every problem reported together, secrets never echoed.
import { CONFIGURATION_KEYS, parseConfiguration, toRunSettings } from '../../../core/config';
import { REQUIRED } from './test-settings';

function expectIssues(raw: Record<string, string | undefined>): Map<string, string> {
  const result = parseConfiguration(raw);
  if (result.ok) throw new Error('expected configuration to be rejected');
  const byKey = new Map<string, string>();
  for (const i of result.issues) byKey.set(i.key, [byKey.get(i.key), i.message].filter(Boolean).join('; '));
  return byKey;
}

describe('configuration schema', () => {
  it('applies the documented default of every optional key', () => {
    const result = parseConfiguration(REQUIRED);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.settings).toEqual({
      environment: 'production',
      tenantId: REQUIRED.AZURE_TENANT_ID,
      subscriptionId: REQUIRED.AZURE_SUBSCRIPTION_ID,
      platformSubscriptionId: REQUIRED.AZURE_SUBSCRIPTION_ID,
      location: 'eastus',
      regions: ['eastus'],
      keyVaultUrl: 'https://hm-vault.vault.azure.net',
      serviceBusNamespace: 'hm-ns.servicebus.windows.net',
      serviceBusQueue: 'agent-events',
      serviceBusConnectionNamespace: 'hm-ns.servicebus.windows.net',
      containerAppsResourceGroup: 'rg-haymaker',
      containerAppsJobName: 'haymaker-agent',
      simulationSize: 'small',
      scenarioCount: 5,
      scheduleCron: '0 0 0,6,12,18 * * *',
      janitorCron: '0 30 * * * *',
      janitorDryRun: false,
      operationsWindowMinutes: 480,
      operationBursts: 8,
      rolePropagationSeconds: 60,
      phaseDeadlineMinutes: 60,
      burstDeadlineMinutes: 20,
      phaseCrashRetries: 2,
      agentWatchdogCron: '0 * * * * *',
      agentCrashGraceSeconds: 120,
      runExpiryHours: 12,
      anthropicApiKeySecretName: 'anthropic-api-key',
      anthropicModel: 'claude-sonnet-4-6',
      scenariosDir: 'scenarios',
      armEndpoint: 'https://management.azure.com',
      graphEndpoint: 'https://graph.microsoft.com',
      anthropicBaseUrl: 'https://api.anthropic.com',
    });
  });

  it('reads every documented key when set explicitly', () => {
    const result = parseConfiguration({
      ...REQUIRED,
      HAYMAKER_ENVIRONMENT: 'local',
      AZURE_CLIENT_ID: '33333333-3333-3333-3333-333333333333',
      AZURE_LOCATION: 'westeurope',
      SERVICE_BUS_QUEUE: 'other-events',
      ServiceBusConnection__fullyQualifiedNamespace: 'trigger-ns.servicebus.windows.net',
      SERVICE_BUS_ENDPOINT: 'sb://127.0.0.1:5672',
      STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net',
      STORAGE_TABLE_URL: 'https://acct.table.core.windows.net',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      SIMULATION_SIZE: 'large',
      SIMULATION_SCENARIOS: 'compute-01-vm-linux, storage-02-blob-lifecycle',
      SCHEDULE_CRON: '0 15 */2 * * *',
      JANITOR_CRON: '0 0 * * * mon-fri',
      JANITOR_DRY_RUN: 'true',
      OPERATIONS_WINDOW_MINUTES: '4800',
      OPERATION_BURSTS: '3',
      ROLE_PROPAGATION_SECONDS: '5',
      PHASE_DEADLINE_MINUTES: '30',
      BURST_DEADLINE_MINUTES: '10',
      RUN_EXPIRY_HOURS: '100',
      ANTHROPIC_API_KEY_SECRET_NAME: 'my-key',
      ANTHROPIC_MODEL: 'claude-x',
      HAYMAKER_SCENARIOS_DIR: '/app/scenarios',
      HAYMAKER_REPORTS_DIR: '/data/reports',
      AZURE_ARM_ENDPOINT: 'https://127.0.0.1:4443/',
      MICROSOFT_GRAPH_ENDPOINT: 'https://127.0.0.1:4444',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4445',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.settings).toMatchObject({
      environment: 'local',
      clientId: '33333333-3333-3333-3333-333333333333',
      location: 'westeurope',
      serviceBusQueue: 'other-events',
      serviceBusConnectionNamespace: 'trigger-ns.servicebus.windows.net',
      serviceBusEndpoint: 'sb://127.0.0.1:5672',
      storageAccountUrl: 'https://acct.blob.core.windows.net',
      storageTableUrl: 'https://acct.table.core.windows.net',
      storageConnectionString: 'UseDevelopmentStorage=true',
      simulationSize: 'large',
      simulationScenarios: ['compute-01-vm-linux', 'storage-02-blob-lifecycle'],
      scenarioCount: 2,
      scheduleCron: '0 15 */2 * * *',
      janitorCron: '0 0 * * * mon-fri',
      janitorDryRun: true,
      operationsWindowMinutes: 4800,
      operationBursts: 3,
      rolePropagationSeconds: 5,
      phaseDeadlineMinutes: 30,
      burstDeadlineMinutes: 10,
      phaseCrashRetries: 2,
      runExpiryHours: 100,
      anthropicApiKeySecretName: 'my-key',
      anthropicModel: 'claude-x',
      scenariosDir: '/app/scenarios',
      reportsDir: '/data/reports',
      armEndpoint: 'https://127.0.0.1:4443',
      graphEndpoint: 'https://127.0.0.1:4444',
      anthropicBaseUrl: 'http://127.0.0.1:4445',
    });
  });

  it.each([
    ['small', 5],
    ['medium', 15],
    ['large', 30],
  ])('maps simulation size %s to %i scenarios', (size, count) => {
    const result = parseConfiguration({ ...REQUIRED, SIMULATION_SIZE: size });
    expect(result.ok && result.settings.scenarioCount).toBe(count);
  });

  it('reports every missing required key together', () => {
    const issues = expectIssues({});
    expect([...issues.keys()].sort()).toEqual(
      CONFIGURATION_KEYS.filter((k) => 'required' in k && k.required)
        .map((k) => k.name)
        .sort(),
    );
    for (const message of issues.values()) expect(message).toBe('is required but not set');
  });

  it('reports every invalid key together in one pass', () => {
    const issues = expectIssues({
      ...REQUIRED,
      AZURE_TENANT_ID: 'not-a-guid',
      KEY_VAULT_URL: 'vault',
      SERVICE_BUS_NAMESPACE: 'sb://ns.servicebus.windows.net',
      SIMULATION_SIZE: 'huge',
      SIMULATION_SCENARIOS: 'Compute VM,compute-01-vm,compute-01-vm',
      SCHEDULE_CRON: '0 */5 * * *',
      JANITOR_CRON: '0 61 * * * *',
      JANITOR_DRY_RUN: 'maybe',
      OPERATIONS_WINDOW_MINUTES: 'eight hours',
      OPERATION_BURSTS: '-1',
      ROLE_PROPAGATION_SECONDS: '99999',
      PHASE_DEADLINE_MINUTES: '0',
      BURST_DEADLINE_MINUTES: '1.5',
      RUN_EXPIRY_HOURS: '0',
      ANTHROPIC_API_KEY_SECRET_NAME: 'has_underscore',
      HAYMAKER_ENVIRONMENT: 'staging',
      AZURE_ARM_ENDPOINT: 'management',
    });
    expect([...issues.keys()].sort()).toEqual(
      [
        'AZURE_TENANT_ID',
        'KEY_VAULT_URL',
        'SERVICE_BUS_NAMESPACE',
        'SIMULATION_SIZE',
        'SIMULATION_SCENARIOS',
        'SCHEDULE_CRON',
        'JANITOR_CRON',
        'JANITOR_DRY_RUN',
        'OPERATIONS_WINDOW_MINUTES',
        'OPERATION_BURSTS',
        'ROLE_PROPAGATION_SECONDS',
        'PHASE_DEADLINE_MINUTES',
        'BURST_DEADLINE_MINUTES',
        'RUN_EXPIRY_HOURS',
        'ANTHROPIC_API_KEY_SECRET_NAME',
        'HAYMAKER_ENVIRONMENT',
        'AZURE_ARM_ENDPOINT',
      ].sort(),
    );
    expect(issues.get('SCHEDULE_CRON')).toMatch(/six fields/);
    expect(issues.get('SIMULATION_SCENARIOS')).toMatch(/Compute VM/);
  });

  it('reads an office-hours profile into the run settings, and names the key of a bad one', () => {
    const result = parseConfiguration({ ...REQUIRED, HAYMAKER_OFFICE_HOURS: 'Europe/Berlin Mon-Fri 09-17' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(toRunSettings(result.settings).officeHours).toEqual({
      timeZone: 'Europe/Berlin',
      workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      busyFrom: 9,
      busyTo: 17,
    });
    expect(
      expectIssues({ ...REQUIRED, HAYMAKER_OFFICE_HOURS: 'Europe/Nowhere Mon-Fri 09-17' }).get(
        'HAYMAKER_OFFICE_HOURS',
      ),
    ).toContain('IANA time zone');
  });

  it('rejects sandbox endpoint overrides in production', () => {
    const issues = expectIssues({ ...REQUIRED, SERVICE_BUS_ENDPOINT: 'sb://127.0.0.1:5672' });
    expect(issues.get('SERVICE_BUS_ENDPOINT')).toMatch(/HAYMAKER_ENVIRONMENT=local/);
  });

  it('never echoes the value of a secret key in an error', () => {
    const result = parseConfiguration({
      ...REQUIRED,
      STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0',
      AZURE_TENANT_ID: 'x',
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('c2VjcmV0');
  });

  it('projects the orchestration slice without endpoints or secrets', () => {
    const result = parseConfiguration({ ...REQUIRED, STORAGE_CONNECTION_STRING: 'AccountKey=abc' });
    if (!result.ok) throw new Error('expected valid');
    expect(toRunSettings(result.settings)).toEqual({
      subscriptionId: REQUIRED.AZURE_SUBSCRIPTION_ID,
      location: 'eastus',
      operationsWindowMinutes: 480,
      operationBursts: 8,
      rolePropagationSeconds: 60,
      phaseDeadlineMinutes: 60,
      burstDeadlineMinutes: 20,
      phaseCrashRetries: 2,
      runExpiryHours: 12,
    });
  });
});

describe('docs/configuration.md', () => {
  it('documents every setting with its default', () => {
    const doc = require('node:fs').readFileSync(
      require('node:path').join(__dirname, '..', '..', '..', 'docs', 'configuration.md'),
      'utf8',
    ) as string;
    for (const key of CONFIGURATION_KEYS as readonly {
      name: string;
      defaultValue?: string;
      required?: boolean;
    }[]) {
      const expected = key.required
        ? '**required**'
        : key.defaultValue !== undefined
          ? `\`${key.defaultValue}\``
          : '—';
      expect(doc).toContain(`| \`${key.name}\` | ${expected} |`);
    }
  });
});
