// Least-privilege data-plane and control-plane roles inside the HayMaker resource group. Each assignment is named
// guid(scope, principal, role) so a redeploy finds the same assignment instead of failing with a conflict.
param orchestratorPrincipalId string
param agentPrincipalId string
param storageAccountName string
param serviceBusNamespaceName string
param keyVaultName string
param registryName string
param appInsightsName string
@description('Object id of the deploying principal (pipeline or developer, from deployer()); empty skips its assignments.')
param deployerPrincipalId string = ''
@description('Principal type of deployerPrincipalId: ServicePrincipal for the pipeline, User for azd on a laptop.')
@allowed(['ServicePrincipal', 'User'])
param deployerPrincipalType string = 'ServicePrincipal'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b6-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  acrPush: '8311e382-0749-4cb8-b61a-753ee8ed6b12'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// The Functions host keeps its leases, the Flex deployment package and durable large payloads in blobs;
// Microsoft documents Blob Data Owner as the role for an identity-based AzureWebJobsStorage.
resource orchestratorBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, orchestratorPrincipalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Durable Functions (Azure Storage provider) dispatches orchestration and activity work through queues.
resource orchestratorQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, orchestratorPrincipalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// The task hub's history and instance tables, plus the audit trail and resource ledger tables.
resource orchestratorTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, orchestratorPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// The Service Bus trigger only receives agent events; it never sends.
resource orchestratorServiceBus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus.id, orchestratorPrincipalId, roles.serviceBusDataReceiver)
  scope: serviceBus
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

// The agent only publishes its events; it cannot read other agents' events off the queue.
resource agentServiceBus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus.id, agentPrincipalId, roles.serviceBusDataSender)
  scope: serviceBus
  properties: {
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// The orchestrator writes each scenario SP's secret and deletes it at cleanup: write + delete, no key/cert rights.
resource orchestratorSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, orchestratorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

// The agent reads its scenario SP secret and the Anthropic key by name; read-only.
resource agentSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, agentPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// The job pulls the agent image with its identity instead of an admin password.
resource agentPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, agentPrincipalId, roles.acrPull)
  scope: registry
  properties: {
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

// The pipeline (or azd on a laptop) pushes the agent image; optional so a what-if needs no principal id.
resource deployerPush 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(registry.id, deployerPrincipalId, roles.acrPush)
  scope: registry
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPush)
  }
}

// Whoever deploys sets the one manual secret (the Anthropic key) after `azd up`; with RBAC vaults even a subscription
// Owner needs a data role for that. Secrets Officer is the built-in role that can write secrets (no keys, no certs).
resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

// Application Insights has local auth off; the host sends telemetry with the orchestrator identity.
resource orchestratorTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, orchestratorPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

