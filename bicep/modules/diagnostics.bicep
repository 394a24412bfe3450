// Diagnostic settings: Key Vault, Service Bus, Storage (its blob and table services, where its logs are) and the
// Function App send their logs and metrics to the Log Analytics workspace. diagnosticSettings has no stable API
// version (bicep/checks/rules/api-versions.ts allow-lists it). Source:
// https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/diagnosticsettings (2021-05-01-preview)
param workspaceId string
param keyVaultName string
param serviceBusNamespaceName string
param storageAccountName string
param functionAppName string

var allLogs = [{ categoryGroup: 'allLogs', enabled: true }]
var allMetrics = [{ category: 'AllMetrics', enabled: true }]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource namespaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: { workspaceId: workspaceId, logs: allLogs }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: { workspaceId: workspaceId, logs: allLogs }
}

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}
