// The typed settings and the schema that turns raw key/value strings into them. Pure: sources live elsewhere.
import { z } from 'zod';
import { parseOfficeHours, type OfficeHours } from '../office-hours';
import { ncrontabProblem } from './cron';
import { regionList, regionName } from './regions';
import { scenarioList } from './scenario-list';
import { CONFIGURATION_KEYS, type ConfigurationKey, SECRET_KEY_NAMES } from './keys';
import type { ConfigurationIssue } from './errors';

export const SIMULATION_SIZES = { small: 5, medium: 15, large: 30 } as const;
export type SimulationSize = keyof typeof SIMULATION_SIZES;
export type HayMakerEnvironment = 'production' | 'local';

export interface HayMakerSettings {
  environment: HayMakerEnvironment;
  tenantId: string;
  subscriptionId: string;
  /** Where HayMaker's own resources (the agent job) live; the target subscription unless set. */
  platformSubscriptionId: string;
  clientId?: string;
  /** Local only: the sandbox principal's secret. Never log it. */
  clientSecret?: string;
  /** Local only: where the app signs in (the sandbox's Entra). */
  authorityHost?: string;
  location: string;
  /** Regions a run spreads its scenarios over (HAYMAKER_REGIONS); `[location]` unless set. */
  regions: string[];
  keyVaultUrl: string;
  serviceBusNamespace: string;
  serviceBusQueue: string;
  /** Namespace of the Service Bus trigger's identity-based connection. */
  serviceBusConnectionNamespace: string;
  serviceBusEndpoint?: string;
  containerAppsResourceGroup: string;
  containerAppsJobName: string;
  storageAccountUrl?: string;
  storageTableUrl?: string;
  /** May hold an account key: never log it. */
  storageConnectionString?: string;
  simulationSize: SimulationSize;
  /** Explicit scenario ids; when set they override the size. */
  simulationScenarios?: string[];
  /** Scenarios per run: the explicit list's length, or the size's count. */
  scenarioCount: number;
  scheduleCron: string;
  janitorCron: string;
  janitorDryRun: boolean;
  operationsWindowMinutes: number;
  operationBursts: number;
  rolePropagationSeconds: number;
  phaseDeadlineMinutes: number;
  burstDeadlineMinutes: number;
  phaseCrashRetries: number;
  agentWatchdogCron: string;
  agentCrashGraceSeconds: number;
  runExpiryHours: number;
  /** Places the operation bursts by local office hours; absent = an even spread. */
  officeHours?: OfficeHours;
  anthropicApiKeySecretName: string;
  anthropicModel: string;
  scenariosDir: string;
  /** Local report folder, when set (HAYMAKER_REPORTS_DIR). */
  reportsDir?: string;
  /** Local audit journal folder, when set (HAYMAKER_AUDIT_DIR). */
  auditDir?: string;
  armEndpoint: string;
  graphEndpoint: string;
  anthropicBaseUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

const text = (message: string) => z.string({ error: message }).trim().min(1, { error: message });
const guid = (what: string) =>
  text(`is required (${what})`).regex(GUID, { error: `must be a GUID (${what})` });
const url = (what: string, protocols = /^https?$/) =>
  text(`is required (${what})`).pipe(
    z.url({ protocol: protocols, error: `must be an absolute URL (${what})` }),
  );
const integer = (min: number, max: number, unit: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `must be a whole number of ${unit} between ${min} and ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min} ${unit}` })
        .max(max, { error: `must be at most ${max} ${unit}` }),
    );
const cron = text('is required (six-field NCRONTAB)').superRefine((value, ctx) => {
  const problem = ncrontabProblem(value);
  if (problem)
    ctx.addIssue({ code: 'custom', message: `is not a six-field NCRONTAB expression: ${problem}` });
});
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const officeHoursText = z.string().transform((v, ctx): OfficeHours => {
  const parsed = parseOfficeHours(v);
  if (parsed.ok) return parsed.profile;
  ctx.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});
/** Raw schema keyed by app setting name; values are strings after defaults were applied. */
const rawSchema = z.object({
  HAYMAKER_ENVIRONMENT: z.enum(['production', 'local'], { error: 'must be "production" or "local"' }),
  AZURE_TENANT_ID: guid('tenant of the test subscription'),
  AZURE_SUBSCRIPTION_ID: guid('the subscription HayMaker fills'),
  PLATFORM_SUBSCRIPTION_ID: z.union([z.undefined(), guid('subscription of the agent job')]),
  AZURE_CLIENT_ID: z.union([z.undefined(), guid('client id of the managed identity')]),
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_AUTHORITY_HOST: z.union([z.undefined(), url('Entra authority host')]),
  AZURE_LOCATION: regionName,
  HAYMAKER_REGIONS: regionList.optional(),
  KEY_VAULT_URL: url('vault URL, e.g. https://my-vault.vault.azure.net'),
  SERVICE_BUS_NAMESPACE: text('is required (e.g. my-ns.servicebus.windows.net)').regex(HOSTNAME, {
    error: 'must be a fully-qualified host name without scheme (e.g. my-ns.servicebus.windows.net)',
  }),
  SERVICE_BUS_QUEUE: text('must name the agent event queue'),
  ServiceBusConnection__fullyQualifiedNamespace: z.union([
    z.undefined(),
    text('must be a host name').regex(HOSTNAME, {
      error: 'must be a fully-qualified host name without scheme',
    }),
  ]),
  SERVICE_BUS_ENDPOINT: z.union([
    z.undefined(),
    url('custom AMQP endpoint, e.g. sb://127.0.0.1:5672', /^(sb|amqps?)$/),
  ]),
  CONTAINER_APPS_RESOURCE_GROUP: text('is required (resource group of the agent job)'),
  CONTAINER_APPS_JOB_NAME: text('is required (the agent Container Apps job)'),
  STORAGE_ACCOUNT_URL: z.union([z.undefined(), url('blob endpoint')]),
  STORAGE_TABLE_URL: z.union([z.undefined(), url('table endpoint')]),
  STORAGE_CONNECTION_STRING: optionalText,
  SIMULATION_SIZE: z.enum(['small', 'medium', 'large'], { error: 'must be small, medium or large' }),
  SIMULATION_SCENARIOS: z.union([z.undefined(), scenarioList]),
  SCHEDULE_CRON: cron,
  JANITOR_CRON: cron,
  JANITOR_DRY_RUN: flag,
  OPERATIONS_WINDOW_MINUTES: integer(1, 7 * 24 * 60, 'minutes'),
  OPERATION_BURSTS: integer(0, 1000, 'bursts'),
  ROLE_PROPAGATION_SECONDS: integer(0, 3600, 'seconds'),
  PHASE_DEADLINE_MINUTES: integer(1, 24 * 60, 'minutes'),
  BURST_DEADLINE_MINUTES: integer(1, 24 * 60, 'minutes'),
  PHASE_CRASH_RETRIES: integer(0, 10, 'retries'),
  AGENT_WATCHDOG_CRON: cron,
  AGENT_CRASH_GRACE_SECONDS: integer(0, 24 * 3600, 'seconds'),
  RUN_EXPIRY_HOURS: integer(1, 30 * 24, 'hours'),
  HAYMAKER_OFFICE_HOURS: officeHoursText.optional(),
  ANTHROPIC_API_KEY_SECRET_NAME: text('must name a Key Vault secret').regex(/^[0-9a-zA-Z-]{1,127}$/, {
    error: 'must be a Key Vault secret name (1-127 letters, digits and dashes)',
  }),
  ANTHROPIC_MODEL: text('must name a model'),
  HAYMAKER_SCENARIOS_DIR: text('must name a folder'),
  HAYMAKER_REPORTS_DIR: optionalText,
  HAYMAKER_AUDIT_DIR: optionalText,
  AZURE_ARM_ENDPOINT: url('ARM endpoint'),
  MICROSOFT_GRAPH_ENDPOINT: url('Microsoft Graph endpoint'),
  ANTHROPIC_BASE_URL: url('Anthropic endpoint'),
});

export type RawConfiguration = Partial<Record<string, string | undefined>>;

export type ParseConfigurationResult =
  { ok: true; settings: HayMakerSettings } | { ok: false; issues: ConfigurationIssue[] };

const stripSlash = (u: string) => u.replace(/\/+$/, '');

/** Applies defaults, validates every key and returns ALL problems together (values of secret keys never echoed). */
export function parseConfiguration(raw: RawConfiguration): ParseConfigurationResult {
  const input: Record<string, string | undefined> = {};
  for (const key of CONFIGURATION_KEYS as readonly ConfigurationKey[]) {
    const value = raw[key.name];
    input[key.name] = value === undefined || value.trim() === '' ? key.defaultValue : value;
  }
  const result = rawSchema.safeParse(input);
  const issues: ConfigurationIssue[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(configuration)');
      const missing = input[key] === undefined && issue.code === 'invalid_type';
      issues.push({ key, message: missing ? 'is required but not set' : issue.message });
    }
  }
  if (!result.success) return { ok: false, issues: dedupe(issues) };
  const r = result.data;
  const production = r.HAYMAKER_ENVIRONMENT === 'production';
  if (production) {
    // Endpoint overrides point the app at the sandbox; in production that would be a misconfiguration.
    for (const key of ['SERVICE_BUS_ENDPOINT', 'AZURE_CLIENT_SECRET', 'AZURE_AUTHORITY_HOST'] as const) {
      if (r[key] !== undefined)
        issues.push({ key, message: 'is only allowed with HAYMAKER_ENVIRONMENT=local' });
    }
    if (!r.KEY_VAULT_URL.startsWith('https:'))
      issues.push({ key: 'KEY_VAULT_URL', message: 'must use https in production' });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      environment: r.HAYMAKER_ENVIRONMENT,
      tenantId: r.AZURE_TENANT_ID,
      subscriptionId: r.AZURE_SUBSCRIPTION_ID,
      platformSubscriptionId: r.PLATFORM_SUBSCRIPTION_ID ?? r.AZURE_SUBSCRIPTION_ID,
      ...(r.AZURE_CLIENT_ID !== undefined ? { clientId: r.AZURE_CLIENT_ID } : {}),
      ...(r.AZURE_CLIENT_SECRET !== undefined ? { clientSecret: r.AZURE_CLIENT_SECRET } : {}),
      ...(r.AZURE_AUTHORITY_HOST !== undefined ? { authorityHost: stripSlash(r.AZURE_AUTHORITY_HOST) } : {}),
      location: r.AZURE_LOCATION,
      regions: r.HAYMAKER_REGIONS ?? [r.AZURE_LOCATION],
      keyVaultUrl: stripSlash(r.KEY_VAULT_URL),
      serviceBusNamespace: r.SERVICE_BUS_NAMESPACE,
      serviceBusQueue: r.SERVICE_BUS_QUEUE,
      serviceBusConnectionNamespace:
        r.ServiceBusConnection__fullyQualifiedNamespace ?? r.SERVICE_BUS_NAMESPACE,
      ...(r.SERVICE_BUS_ENDPOINT !== undefined ? { serviceBusEndpoint: r.SERVICE_BUS_ENDPOINT } : {}),
      containerAppsResourceGroup: r.CONTAINER_APPS_RESOURCE_GROUP,
      containerAppsJobName: r.CONTAINER_APPS_JOB_NAME,
      ...(r.STORAGE_ACCOUNT_URL !== undefined ? { storageAccountUrl: r.STORAGE_ACCOUNT_URL } : {}),
      ...(r.STORAGE_TABLE_URL !== undefined ? { storageTableUrl: r.STORAGE_TABLE_URL } : {}),
      ...(r.STORAGE_CONNECTION_STRING !== undefined
        ? { storageConnectionString: r.STORAGE_CONNECTION_STRING }
        : {}),
      simulationSize: r.SIMULATION_SIZE,
      ...(r.SIMULATION_SCENARIOS !== undefined ? { simulationScenarios: r.SIMULATION_SCENARIOS } : {}),
      scenarioCount: r.SIMULATION_SCENARIOS?.length ?? SIMULATION_SIZES[r.SIMULATION_SIZE],
      scheduleCron: r.SCHEDULE_CRON,
      janitorCron: r.JANITOR_CRON,
      janitorDryRun: r.JANITOR_DRY_RUN,
      operationsWindowMinutes: r.OPERATIONS_WINDOW_MINUTES,
      operationBursts: r.OPERATION_BURSTS,
      rolePropagationSeconds: r.ROLE_PROPAGATION_SECONDS,
      phaseDeadlineMinutes: r.PHASE_DEADLINE_MINUTES,
      burstDeadlineMinutes: r.BURST_DEADLINE_MINUTES,
      phaseCrashRetries: r.PHASE_CRASH_RETRIES,
      agentWatchdogCron: r.AGENT_WATCHDOG_CRON,
      agentCrashGraceSeconds: r.AGENT_CRASH_GRACE_SECONDS,
      runExpiryHours: r.RUN_EXPIRY_HOURS,
      ...(r.HAYMAKER_OFFICE_HOURS !== undefined ? { officeHours: r.HAYMAKER_OFFICE_HOURS } : {}),
      anthropicApiKeySecretName: r.ANTHROPIC_API_KEY_SECRET_NAME,
      anthropicModel: r.ANTHROPIC_MODEL,
      scenariosDir: r.HAYMAKER_SCENARIOS_DIR,
      ...(r.HAYMAKER_REPORTS_DIR !== undefined ? { reportsDir: r.HAYMAKER_REPORTS_DIR } : {}),
      ...(r.HAYMAKER_AUDIT_DIR !== undefined ? { auditDir: r.HAYMAKER_AUDIT_DIR } : {}),
      armEndpoint: stripSlash(r.AZURE_ARM_ENDPOINT),
      graphEndpoint: stripSlash(r.MICROSOFT_GRAPH_ENDPOINT),
      anthropicBaseUrl: stripSlash(r.ANTHROPIC_BASE_URL),
    },
  };
}

function dedupe(issues: ConfigurationIssue[]): ConfigurationIssue[] {
  const seen = new Set<string>();
  return issues
    .map((i) =>
      SECRET_KEY_NAMES.has(i.key) ? { key: i.key, message: i.message.replace(/".*"/g, '"…"') } : i,
    )
    .filter((i) => {
      const id = `${i.key}\u0000${i.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}
