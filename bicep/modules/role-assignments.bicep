// The role assignments of core/authorization/identities.json at the platform's own resources (the one table of identities and
// grants; the sandbox seeds the same table). Role ids come from the built-in role catalogue by name. Each assignment
// is named guid(scope, principal, role) so a redeploy finds the same assignment instead of failing with a conflict.
param orchestratorPrincipalId string
param agentPrincipalId string
param storageAccountName string
param serviceBusNamespaceName string
param keyVaultName string
param registryName string
param appInsightsName string
@description('Object id of the deploying principal (pipeline or developer, from deployer()); empty skips its grants.')
param deployerPrincipalId string = ''
@description('Principal type of deployerPrincipalId: ServicePrincipal for the pipeline, User for azd on a laptop.')
@allowed(['ServicePrincipal', 'User'])
param deployerPrincipalType string = 'ServicePrincipal'

var table = loadJsonContent('../../core/authorization/identities.json')
var roleIds = loadJsonContent('../../core/authorization/roles/built-in-roles.json', '$.ids')
var principals = {
  orchestrator: { id: orchestratorPrincipalId, type: 'ServicePrincipal' }
  agent: { id: agentPrincipalId, type: 'ServicePrincipal' }
  deployer: { id: deployerPrincipalId, type: deployerPrincipalType }
}
// The grants of one scope symbol, without those of an identity this deployment has no principal for.
var storageGrants = filter(table.roleAssignments, g => g.scope == 'platformStorage' && !empty(principals[g.identity].id))
var serviceBusGrants = filter(table.roleAssignments, g => g.scope == 'serviceBus' && !empty(principals[g.identity].id))
var keyVaultGrants = filter(table.roleAssignments, g => g.scope == 'keyVault' && !empty(principals[g.identity].id))
var registryGrants = filter(table.roleAssignments, g => g.scope == 'registry' && !empty(principals[g.identity].id))
var appInsightsGrants = filter(table.roleAssignments, g => g.scope == 'appInsights' && !empty(principals[g.identity].id))

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

// Task hub blobs, queues and tables, the audit trail and the reports (table scope platformStorage).
resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in storageGrants: {
    name: guid(storage.id, principals[g.identity].id, roleIds[g.role])
    scope: storage
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]

// Agent events: the agent sends, the orchestrator receives (table scope serviceBus).
resource serviceBusAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in serviceBusGrants: {
    name: guid(serviceBus.id, principals[g.identity].id, roleIds[g.role])
    scope: serviceBus
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]

// Key Vault data roles: the orchestrator writes scenario secrets, the agent reads them (table scope keyVault).
resource keyVaultAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in keyVaultGrants: {
    name: guid(vault.id, principals[g.identity].id, roleIds[g.role])
    scope: vault
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]

// The agent image: the job pulls, the deployer pushes (table scope registry).
resource registryAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in registryGrants: {
    name: guid(registry.id, principals[g.identity].id, roleIds[g.role])
    scope: registry
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]

// Telemetry with the orchestrator identity, local auth being off (table scope appInsights).
resource appInsightsAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in appInsightsGrants: {
    name: guid(appInsights.id, principals[g.identity].id, roleIds[g.role])
    scope: appInsights
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]
