// Every configuration key HayMaker reads, with its default. The names are the app settings of the Function App
// (docs/ARCHITECTURE.md "Configuration keys"); the Bicep files and docs/configuration.md use exactly these.

export interface ConfigurationKey {
  /** Environment variable / app setting name. */
  name: string;
  /** Default when no source sets it; `undefined` with `required: true` means it must be set. */
  defaultValue?: string;
  required?: boolean;
  /** The value may carry a credential: never echo it in errors or logs. */
  secret?: boolean;
  description: string;
}

export const PUBLIC_CLOUD = {
  armEndpoint: 'https://management.azure.com',
  graphEndpoint: 'https://graph.microsoft.com',
  anthropicBaseUrl: 'https://api.anthropic.com',
} as const;

export const CONFIGURATION_KEYS = [
  { name: 'AZURE_TENANT_ID', required: true, description: 'Tenant of the test subscription (GUID).' },
  { name: 'AZURE_SUBSCRIPTION_ID', required: true, description: 'The subscription HayMaker fills (GUID).' },
  {
    name: 'PLATFORM_SUBSCRIPTION_ID',
    description:
      "Subscription of HayMaker's own resources (the agent job); defaults to AZURE_SUBSCRIPTION_ID (one subscription for both).",
  },
  {
    name: 'AZURE_CLIENT_ID',
    description:
      'Client id of the user-assigned managed identity (Azure); locally the client id of the sandbox principal the app signs in as.',
  },
  {
    name: 'AZURE_CLIENT_SECRET',
    secret: true,
    description:
      "Local only: the client secret of the sandbox's orchestrator principal, used at AZURE_AUTHORITY_HOST (Azure uses the managed identity).",
  },
  {
    name: 'AZURE_AUTHORITY_HOST',
    description: "Local only: the Entra authority host the app signs in at (the sandbox's token endpoint).",
  },
  { name: 'AZURE_LOCATION', defaultValue: 'eastus', description: 'Region for scenario resources.' },
  {
    name: 'HAYMAKER_REGIONS',
    description:
      'Regions a run spreads its scenarios over, comma-separated (e.g. `eastus2,westeurope`); each scenario gets one, seeded. Unset = AZURE_LOCATION alone.',
  },
  {
    name: 'KEY_VAULT_URL',
    required: true,
    description: 'Vault that holds scenario service principal secrets.',
  },
  {
    name: 'SERVICE_BUS_NAMESPACE',
    required: true,
    description: 'Fully-qualified Service Bus namespace (`x.servicebus.windows.net`).',
  },
  {
    name: 'SERVICE_BUS_QUEUE',
    defaultValue: 'agent-events',
    description: 'Queue the agents publish their events to.',
  },
  {
    name: 'ServiceBusConnection__fullyQualifiedNamespace',
    description:
      'Identity-based connection of the Service Bus trigger binding; defaults to SERVICE_BUS_NAMESPACE.',
  },
  {
    name: 'CONTAINER_APPS_RESOURCE_GROUP',
    required: true,
    description: 'Resource group of the agent Container Apps job.',
  },
  {
    name: 'CONTAINER_APPS_JOB_NAME',
    required: true,
    description: 'The agent Container Apps job (manual trigger).',
  },
  { name: 'STORAGE_ACCOUNT_URL', description: 'Blob endpoint for reports and the audit trail (Azure).' },
  {
    name: 'STORAGE_TABLE_URL',
    description: 'Table endpoint for the audit trail and resource ledger (Azure).',
  },
  {
    name: 'STORAGE_CONNECTION_STRING',
    secret: true,
    description: 'Storage connection string (local: Azurite).',
  },
  {
    name: 'SIMULATION_SIZE',
    defaultValue: 'small',
    description: 'Scenarios per run: small=5, medium=15, large=30.',
  },
  {
    name: 'SIMULATION_SCENARIOS',
    description: 'Explicit comma-separated scenario ids; overrides SIMULATION_SIZE.',
  },
  {
    name: 'SCHEDULE_CRON',
    defaultValue: '0 0 0,6,12,18 * * *',
    description: 'Run timer (six-field NCRONTAB, UTC).',
  },
  {
    name: 'JANITOR_CRON',
    defaultValue: '0 30 * * * *',
    description: 'Janitor timer (six-field NCRONTAB, UTC).',
  },
  {
    name: 'JANITOR_DRY_RUN',
    defaultValue: 'false',
    description: 'When true the janitor only lists what it would remove.',
  },
  { name: 'OPERATIONS_WINDOW_MINUTES', defaultValue: '480', description: 'Length of the operate phase.' },
  { name: 'OPERATION_BURSTS', defaultValue: '8', description: 'Operation bursts placed in the window.' },
  {
    name: 'ROLE_PROPAGATION_SECONDS',
    defaultValue: '60',
    description: 'Durable timer after role assignment.',
  },
  {
    name: 'PHASE_DEADLINE_MINUTES',
    defaultValue: '60',
    description: 'Deadline of one agent job (deploy, cleanup).',
  },
  { name: 'BURST_DEADLINE_MINUTES', defaultValue: '20', description: 'Deadline of one operation burst.' },
  {
    name: 'PHASE_CRASH_RETRIES',
    defaultValue: '2',
    description:
      'Times an agent job that ended without reporting (crashed) is started again for the same phase.',
  },
  {
    name: 'AGENT_WATCHDOG_CRON',
    defaultValue: '0 * * * * *',
    description:
      'Watchdog timer (six-field NCRONTAB) that looks for agent jobs that ended without reporting.',
  },
  {
    name: 'AGENT_CRASH_GRACE_SECONDS',
    defaultValue: '120',
    description:
      'How long an ended execution may stay unreported (its last event in flight) before it counts as crashed.',
  },
  {
    name: 'RUN_EXPIRY_HOURS',
    defaultValue: '12',
    description: 'ExpiresAt = run start + this; the janitor uses it.',
  },
  {
    name: 'HAYMAKER_OFFICE_HOURS',
    description:
      'Optional office-hours profile that places the operation bursts, e.g. `Europe/Berlin Mon-Fri 09-17`; unset = an even spread.',
  },
  {
    name: 'ANTHROPIC_API_KEY_SECRET_NAME',
    defaultValue: 'anthropic-api-key',
    description: 'Key Vault secret the agent reads its API key from.',
  },
  {
    name: 'ANTHROPIC_MODEL',
    defaultValue: 'claude-sonnet-4-6',
    description: 'Model the agent uses to repair failing steps.',
  },
  {
    name: 'HAYMAKER_ENVIRONMENT',
    defaultValue: 'production',
    description: '`production` or `local` (local allows .env and endpoint overrides).',
  },
  {
    name: 'HAYMAKER_SCENARIOS_DIR',
    defaultValue: 'scenarios',
    description: 'Folder of scenario documents the app selects from.',
  },
  {
    name: 'HAYMAKER_REPORTS_DIR',
    description:
      'Local report folder (file report store); default `.haymaker/reports` under the working directory.',
  },
  {
    name: 'HAYMAKER_AUDIT_DIR',
    description:
      'Local audit trail and resource ledger journal (no storage configured); default `.haymaker/audit` under the working directory.',
  },
  {
    name: 'AZURE_ARM_ENDPOINT',
    defaultValue: PUBLIC_CLOUD.armEndpoint,
    description: 'Azure Resource Manager endpoint.',
  },
  {
    name: 'MICROSOFT_GRAPH_ENDPOINT',
    defaultValue: PUBLIC_CLOUD.graphEndpoint,
    description: 'Microsoft Graph endpoint.',
  },
  {
    name: 'ANTHROPIC_BASE_URL',
    defaultValue: PUBLIC_CLOUD.anthropicBaseUrl,
    description: 'Anthropic API endpoint.',
  },
  {
    name: 'SERVICE_BUS_ENDPOINT',
    description: 'Custom AMQP endpoint (`sb://127.0.0.1:port`, sandbox only).',
  },
] as const satisfies readonly ConfigurationKey[];

export type ConfigurationKeyName = (typeof CONFIGURATION_KEYS)[number]['name'];

export const CONFIGURATION_KEY_NAMES: readonly ConfigurationKeyName[] = CONFIGURATION_KEYS.map((k) => k.name);

export const SECRET_KEY_NAMES: ReadonlySet<string> = new Set(
  (CONFIGURATION_KEYS as readonly ConfigurationKey[]).filter((k) => k.secret).map((k) => k.name),
);

/** Key Vault secret names allow only letters, digits and dashes: `SERVICE_BUS_QUEUE` → `SERVICE-BUS-QUEUE`, `__` → `--`. */
export function keyVaultSecretNameFor(key: string): string {
  return key.replace(/_/g, '-');
}

/** The default of a key (what applies when no source sets it). */
export function defaultValueOf(name: ConfigurationKeyName): string | undefined {
  return (CONFIGURATION_KEYS as readonly ConfigurationKey[]).find((k) => k.name === name)?.defaultValue;
}
