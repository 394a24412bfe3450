// HayMaker's own resources in the sandbox (the platform subscription's resource group, as Bicep deploys them) and
// the ARM ids the identities table's scope symbols stand for.
import type { Subscriptions } from './core/service';

export const PLATFORM_RESOURCE_GROUP = 'haymaker-platform';
/** The vault the Key Vault endpoint serves (its URL is the endpoint; its ARM id is this). */
export const PLATFORM_VAULT_NAME = 'kv-haymaker-sandbox';

export interface PlatformResources {
  /** Scope symbol (core/authorization/identities.json `scopes`) → ARM id. */
  scopes: Record<string, string>;
  /** Resources seeded into ARM so scopes, Resource Graph and role assignments find them. */
  resources: { id: string; properties?: Record<string, unknown> }[];
  identities: { orchestrator: string; agent: string };
}

export function platformResources(subscriptions: Subscriptions): PlatformResources {
  const group = `/subscriptions/${subscriptions.platform}/resourceGroups/${PLATFORM_RESOURCE_GROUP}/providers`;
  const scopes: Record<string, string> = {
    targetSubscription: `/subscriptions/${subscriptions.target}`,
    platformStorage: `${group}/Microsoft.Storage/storageAccounts/sthaymakersandbox`,
    serviceBus: `${group}/Microsoft.ServiceBus/namespaces/haymaker-sandbox`,
    keyVault: `${group}/Microsoft.KeyVault/vaults/${PLATFORM_VAULT_NAME}`,
    registry: `${group}/Microsoft.ContainerRegistry/registries/crhaymakersandbox`,
    appInsights: `${group}/Microsoft.Insights/components/appi-haymaker-sandbox`,
    agentJob: `${group}/Microsoft.App/jobs/haymaker-agent`,
    durableTaskHub: `${group}/Microsoft.DurableTask/schedulers/dts-haymaker-sandbox/taskHubs/HayMakerHub`,
  };
  const identities = {
    orchestrator: `${group}/Microsoft.ManagedIdentity/userAssignedIdentities/id-orchestrator-sandbox`,
    agent: `${group}/Microsoft.ManagedIdentity/userAssignedIdentities/id-agent-sandbox`,
  };
  return {
    scopes,
    identities,
    resources: [
      { id: scopes.platformStorage },
      { id: scopes.serviceBus },
      // As bicep/modules/key-vault.bicep deploys it: RBAC mode, soft delete, purge protection.
      {
        id: scopes.keyVault,
        properties: {
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 7,
          enablePurgeProtection: true,
        },
      },
      { id: scopes.registry },
      { id: scopes.appInsights },
    ],
  };
}
