// Log Analytics workspace and workspace-based Application Insights. Local auth is off on Application Insights:
// the Function App sends telemetry with its managed identity (Monitoring Metrics Publisher, see identity.bicep).
param location string
param tags object
param workspaceName string
param appInsightsName string
@description('Days Log Analytics keeps data; 30 is included in the ingestion price.')
param retentionInDays int = 30
@description('Daily ingestion cap in GB (-1 = none): a runaway log loop cannot run up the bill.')
param dailyQuotaGb int = 1

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    workspaceCapping: { dailyQuotaGb: dailyQuotaGb }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output workspaceId string = workspace.id
output workspaceName string = workspace.name
output appInsightsId string = appInsights.id
output appInsightsName string = appInsights.name
