// The agent job contract (docs/ARCHITECTURE.md): the environment of one job execution. Secret NAMES only.
import type { HayMakerSettings } from '../core/config';
import type { ActivityInput } from '../contract/activities';

export function agentJobEnvironment(
  input: ActivityInput<'startAgentJob'>,
  settings: HayMakerSettings,
): Record<string, string> {
  if (input.phase === 'operate' && input.burst === undefined)
    throw new Error('an operate job needs a burst index');
  const env: Record<string, string> = {
    HAYMAKER_RUN_ID: input.runId,
    HAYMAKER_SCENARIO: input.scenarioId,
    HAYMAKER_PHASE: input.phase,
    HAYMAKER_EXPIRES_AT: input.expiresAt,
    HAYMAKER_CREATED_AT: input.createdAt,
    AZURE_SUBSCRIPTION_ID: settings.subscriptionId,
    AZURE_TENANT_ID: settings.tenantId,
    // The scenario's own region (its plan's), so what its steps create lands where its groups are.
    AZURE_LOCATION: input.region ?? settings.location,
    HAYMAKER_SP_CLIENT_ID: input.principal.appId,
    HAYMAKER_SP_SECRET_NAME: input.principal.secretName,
    KEY_VAULT_URL: settings.keyVaultUrl,
    SERVICE_BUS_NAMESPACE: settings.serviceBusNamespace,
    SERVICE_BUS_QUEUE: settings.serviceBusQueue,
    ANTHROPIC_MODEL: settings.anthropicModel,
    ANTHROPIC_BASE_URL: settings.anthropicBaseUrl,
    ANTHROPIC_API_KEY_SECRET_NAME: settings.anthropicApiKeySecretName,
    AZURE_ARM_ENDPOINT: settings.armEndpoint,
    MICROSOFT_GRAPH_ENDPOINT: settings.graphEndpoint,
  };
  if (input.phase === 'operate') env.HAYMAKER_BURST = String(input.burst);
  if (settings.serviceBusEndpoint) env.SERVICE_BUS_ENDPOINT = settings.serviceBusEndpoint;
  return env;
}
