// Key Vault for scenario service principal secrets and the Anthropic API key. RBAC mode (no access policies),
// soft delete and purge protection: a deleted secret stays recoverable and nobody can purge the vault early.
param location string
param tags object
param keyVaultName string
@description('Days a deleted secret or vault stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7
@description('Refuse public traffic: reachable only through its private endpoint (modules/private-endpoints.bicep).')
param privateNetworking bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: privateNetworking ? 'Deny' : 'Allow', bypass: 'AzureServices' }
  }
}

output keyVaultId string = vault.id
output keyVaultName string = vault.name
output keyVaultUri string = vault.properties.vaultUri
