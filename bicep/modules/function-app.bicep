// The orchestrator: a Flex Consumption Function App (Node 22) running as the orchestrator identity. Its app
// settings are exactly the keys core/config reads (checked by bicep/checks) plus the host's identity-based
// connection settings; none of them holds a secret.
param location string
param tags object
param planName string
param functionAppName string
param orchestratorIdentityId string
param orchestratorClientId string
param storageAccountName string
param blobEndpoint string
param tableEndpoint string
param deploymentContainerName string
param appInsightsName string
@description('Flex Consumption instance memory (MB): 2048 is the default size.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@description('Upper bound on scale-out; a run of 30 scenarios needs few instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40
param tenantId string
param targetSubscriptionId string
param scenarioLocation string
@description('HAYMAKER_REGIONS: the regions a run spreads its scenarios over, comma-separated; empty = scenarioLocation alone.')
param scenarioRegions string = ''
param keyVaultUri string
param serviceBusNamespace string
param serviceBusQueue string
param containerAppsResourceGroup string
param containerAppsJobName string
param simulationSize string
param scheduleCron string
param janitorCron string
param janitorDryRun bool
param operationsWindowMinutes int
param operationBursts int
param rolePropagationSeconds int
param phaseDeadlineMinutes int
param burstDeadlineMinutes int
param phaseCrashRetries int
param agentWatchdogCron string
param agentCrashGraceSeconds int
param runExpiryHours int
@description('HAYMAKER_OFFICE_HOURS; empty = an even spread of the bursts.')
param officeHours string = ''
param anthropicApiKeySecretName string
param anthropicModel string
@description('Durable Task Scheduler endpoint when it is the Durable Functions backend; empty = the Azure Storage task hub.')
param durableTaskSchedulerEndpoint string = ''

@description('Client id of the Entra app registration of the HayMaker API (app roles HayMaker.Read, HayMaker.Operate); empty = no sign-in, and the API refuses every route but health.')
param apiClientId string = ''

@description('Subnet (delegated to Microsoft.App/environments) the app reaches the private endpoints through; empty = no VNet integration.')
param functionAppSubnetId string = ''

var useDurableTaskScheduler = !empty(durableTaskSchedulerEndpoint)

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  // azd finds the app to deploy the `api` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${orchestratorIdentityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound through the VNet, so the app reaches Key Vault, Service Bus and Storage at their private endpoints.
    virtualNetworkSubnetId: empty(functionAppSubnetId) ? null : functionAppSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host settings: identity-based connections (no connection strings anywhere).
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: orchestratorClientId }
        { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
        { name: 'ServiceBusConnection__clientId', value: orchestratorClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${orchestratorClientId};Authorization=AAD' }
        // The Durable Functions backend, as an override of host.json (AzureFunctionsJobHost__<path>,
        // https://learn.microsoft.com/azure/azure-functions/functions-host-json#override-hostjson-values). 'AzureStorage'
        // is the extension's default provider; 'azureManaged' is the Durable Task Scheduler, which reads its
        // connection from DURABLE_TASK_SCHEDULER_CONNECTION_STRING (the provider's default connection name) in the form
        // the docs give for a user-assigned identity: Endpoint=…;Authentication=ManagedIdentity;ClientID=… (no secret).
        { name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type', value: useDurableTaskScheduler ? 'azureManaged' : 'AzureStorage' }
        { name: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING', value: useDurableTaskScheduler ? 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${orchestratorClientId}' : '' }
        // HayMaker configuration (core/config/keys.ts).
        { name: 'HAYMAKER_ENVIRONMENT', value: 'production' }
        { name: 'AZURE_TENANT_ID', value: tenantId }
        { name: 'AZURE_SUBSCRIPTION_ID', value: targetSubscriptionId }
        // The agent job is here, with the platform (its Container Apps client must be built for this subscription).
        { name: 'PLATFORM_SUBSCRIPTION_ID', value: subscription().subscriptionId }
        { name: 'AZURE_CLIENT_ID', value: orchestratorClientId }
        { name: 'AZURE_LOCATION', value: scenarioLocation }
        { name: 'HAYMAKER_REGIONS', value: scenarioRegions }
        { name: 'KEY_VAULT_URL', value: keyVaultUri }
        { name: 'SERVICE_BUS_NAMESPACE', value: serviceBusNamespace }
        { name: 'SERVICE_BUS_QUEUE', value: serviceBusQueue }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'CONTAINER_APPS_RESOURCE_GROUP', value: containerAppsResourceGroup }
        { name: 'CONTAINER_APPS_JOB_NAME', value: containerAppsJobName }
        { name: 'STORAGE_ACCOUNT_URL', value: blobEndpoint }
        { name: 'STORAGE_TABLE_URL', value: tableEndpoint }
        { name: 'SIMULATION_SIZE', value: simulationSize }
        { name: 'SCHEDULE_CRON', value: scheduleCron }
        { name: 'JANITOR_CRON', value: janitorCron }
        { name: 'JANITOR_DRY_RUN', value: string(janitorDryRun) }
        { name: 'OPERATIONS_WINDOW_MINUTES', value: string(operationsWindowMinutes) }
        { name: 'OPERATION_BURSTS', value: string(operationBursts) }
        { name: 'ROLE_PROPAGATION_SECONDS', value: string(rolePropagationSeconds) }
        { name: 'PHASE_DEADLINE_MINUTES', value: string(phaseDeadlineMinutes) }
        { name: 'BURST_DEADLINE_MINUTES', value: string(burstDeadlineMinutes) }
        { name: 'PHASE_CRASH_RETRIES', value: string(phaseCrashRetries) }
        { name: 'AGENT_WATCHDOG_CRON', value: agentWatchdogCron }
        { name: 'AGENT_CRASH_GRACE_SECONDS', value: string(agentCrashGraceSeconds) }
        { name: 'RUN_EXPIRY_HOURS', value: string(runExpiryHours) }
        { name: 'HAYMAKER_OFFICE_HOURS', value: officeHours }
        { name: 'ANTHROPIC_API_KEY_SECRET_NAME', value: anthropicApiKeySecretName }
        { name: 'ANTHROPIC_MODEL', value: anthropicModel }
        // Absolute: the worker's working directory is not the package root on every plan.
        { name: 'HAYMAKER_SCENARIOS_DIR', value: '/home/site/wwwroot/scenarios' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: orchestratorIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// App Service authentication validates the caller's Entra token and passes its app roles to the app in
// X-MS-CLIENT-PRINCIPAL; the app checks the route's right (triggers/http/authorize.ts). Health stays open.
// Source: https://learn.microsoft.com/en-us/azure/templates/microsoft.web/sites/config-authsettingsv2 (2022-09-01)
resource apiAuth 'Microsoft.Web/sites/config@2022-09-01' = if (!empty(apiClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: ['/api/v1/health']
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: { allowedAudiences: ['api://${apiClientId}', apiClientId] }
      }
    }
  }
}

output functionAppName string = site.name
output defaultHostName string = site.properties.defaultHostName
