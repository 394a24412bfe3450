// The agent job contract (docs/ARCHITECTURE.md "Agent job contract"), validated once at start.
import { z } from 'zod';
import { SCENARIO_ID_PATTERN } from '../../core/naming';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z.string().min(1).optional();

const agentEnvSchema = z.object({
  HAYMAKER_RUN_ID: z.string().min(8),
  HAYMAKER_SCENARIO: z
    .string()
    .regex(SCENARIO_ID_PATTERN, 'must be a scenario id like compute-03-app-service-python'),
  HAYMAKER_PHASE: z.enum(['deploy', 'operate', 'cleanup']),
  HAYMAKER_BURST: z.coerce.number().int().min(0).optional(),
  HAYMAKER_CREATED_AT: z.iso.datetime({ offset: true }),
  HAYMAKER_EXPIRES_AT: z.iso.datetime({ offset: true }),
  AZURE_SUBSCRIPTION_ID: z.uuid(),
  AZURE_TENANT_ID: z.string().min(1),
  AZURE_LOCATION: z.string().min(1).default('eastus'),
  AZURE_CLIENT_ID: optionalText,
  HAYMAKER_SP_CLIENT_ID: z.string().min(1),
  HAYMAKER_SP_SECRET_NAME: optionalText,
  /** The secret value injected by the platform instead of a Key Vault name (Container Apps secret reference). */
  HAYMAKER_SP_SECRET: optionalText,
  KEY_VAULT_URL: z.url(),
  SERVICE_BUS_NAMESPACE: z.string().min(1),
  SERVICE_BUS_QUEUE: z.string().min(1).default('agent-events'),
  SERVICE_BUS_ENDPOINT: optionalText,
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_API_KEY_SECRET_NAME: z.string().min(1).default('anthropic-api-key'),
  ANTHROPIC_API_KEY: optionalText,
  HAYMAKER_SCENARIOS_DIR: z.string().min(1).default('/app/scenarios'),
  HAYMAKER_SANDBOX_FILE: optionalText,
  HAYMAKER_STEP_TIMEOUT_SECONDS: positiveInt(600),
  HAYMAKER_OUTPUT_LIMIT_BYTES: positiveInt(64 * 1024),
  HAYMAKER_REPAIR_ATTEMPTS: positiveInt(3),
  HAYMAKER_REPAIR_TOKEN_BUDGET: positiveInt(60_000),
  /**
   * Set by Container Apps in every job execution (built-in variables, "Jobs":
   * https://learn.microsoft.com/en-us/azure/container-apps/environment-variables#built-in-environment-variables).
   * Optional so the agent still runs by hand outside a job; its events then name no execution.
   */
  CONTAINER_APP_JOB_EXECUTION_NAME: optionalText,
});

/** Rules across keys, checked on the raw environment so they are reported together with the per-key ones. */
function crossKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (env.HAYMAKER_PHASE === 'operate' && !env.HAYMAKER_BURST)
    problems.push('HAYMAKER_BURST: required when HAYMAKER_PHASE is operate');
  if (!env.HAYMAKER_SP_SECRET_NAME && !env.HAYMAKER_SP_SECRET)
    problems.push('HAYMAKER_SP_SECRET_NAME: required (the Key Vault secret name of the scenario SP secret)');
  return problems;
}

export interface AgentConfig {
  runId: string;
  scenarioId: string;
  phase: 'deploy' | 'operate' | 'cleanup';
  burst?: number;
  createdAt: string;
  expiresAt: string;
  subscriptionId: string;
  tenantId: string;
  location: string;
  managedIdentityClientId?: string;
  spClientId: string;
  spSecretName?: string;
  spSecretValue?: string;
  keyVaultUrl: string;
  serviceBus: { namespace: string; queue: string; endpoint?: string };
  anthropic: { model: string; baseUrl?: string; apiKeySecretName: string; apiKey?: string };
  scenariosDir: string;
  sandboxFile?: string;
  stepTimeoutInSeconds: number;
  outputLimitInBytes: number;
  repairAttemptsPerStep: number;
  repairTokenBudgetPerPhase: number;
  executionName?: string;
}

export class AgentConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the agent job environment is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')} — fix the job's environment overrides (docs/ARCHITECTURE.md "Agent job contract")`,
    );
    this.name = 'AgentConfigError';
  }
}

/** Reads the contract from an environment; every bad key is reported at once, secret values never echoed. */
export function loadAgentConfig(env: NodeJS.ProcessEnv): AgentConfig {
  const result = agentEnvSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)),
    ...crossKeyProblems(env),
  ];
  if (!result.success || problems.length > 0) throw new AgentConfigError(problems);
  const e = result.data;
  return {
    runId: e.HAYMAKER_RUN_ID,
    scenarioId: e.HAYMAKER_SCENARIO,
    phase: e.HAYMAKER_PHASE,
    ...(e.HAYMAKER_PHASE === 'operate' ? { burst: e.HAYMAKER_BURST } : {}),
    createdAt: e.HAYMAKER_CREATED_AT,
    expiresAt: e.HAYMAKER_EXPIRES_AT,
    subscriptionId: e.AZURE_SUBSCRIPTION_ID,
    tenantId: e.AZURE_TENANT_ID,
    location: e.AZURE_LOCATION,
    managedIdentityClientId: e.AZURE_CLIENT_ID,
    spClientId: e.HAYMAKER_SP_CLIENT_ID,
    spSecretName: e.HAYMAKER_SP_SECRET_NAME,
    spSecretValue: e.HAYMAKER_SP_SECRET,
    keyVaultUrl: e.KEY_VAULT_URL,
    serviceBus: {
      namespace: e.SERVICE_BUS_NAMESPACE,
      queue: e.SERVICE_BUS_QUEUE,
      endpoint: e.SERVICE_BUS_ENDPOINT,
    },
    anthropic: {
      model: e.ANTHROPIC_MODEL,
      baseUrl: e.ANTHROPIC_BASE_URL,
      apiKeySecretName: e.ANTHROPIC_API_KEY_SECRET_NAME,
      apiKey: e.ANTHROPIC_API_KEY,
    },
    scenariosDir: e.HAYMAKER_SCENARIOS_DIR,
    sandboxFile: e.HAYMAKER_SANDBOX_FILE,
    stepTimeoutInSeconds: e.HAYMAKER_STEP_TIMEOUT_SECONDS,
    outputLimitInBytes: e.HAYMAKER_OUTPUT_LIMIT_BYTES,
    repairAttemptsPerStep: e.HAYMAKER_REPAIR_ATTEMPTS,
    repairTokenBudgetPerPhase: e.HAYMAKER_REPAIR_TOKEN_BUDGET,
    ...(e.CONTAINER_APP_JOB_EXECUTION_NAME ? { executionName: e.CONTAINER_APP_JOB_EXECUTION_NAME } : {}),
  };
}
