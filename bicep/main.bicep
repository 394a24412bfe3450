// HayMaker: everything one environment needs, at subscription scope so the deployment creates its resource group.
// Names follow the azd convention: an abbreviation plus a token unique to (subscription, environment, location).
targetScope = 'subscription'

@minLength(1)
@maxLength(32)
@description('Environment name (dev, staging, prod; azd: AZURE_ENV_NAME). Part of every name and tag.')
param environmentName string

@minLength(1)
@description('Region of the HayMaker platform (must offer Flex Consumption and Container Apps).')
param location string

@description('Subscription HayMaker fills with scenario resources; empty = the platform\'s own subscription.')
param targetSubscriptionId string = ''

@description('Region scenario resources go to (AZURE_LOCATION); the platform region by default.')
param scenarioLocation string = location
@description('Regions a run spreads its scenarios over (HAYMAKER_REGIONS), comma-separated names from az account list-locations; empty = scenarioLocation alone.')
param scenarioRegions string = ''

@description('Address the operators\' alerts and budget notifications go to (empty = add a receiver to the action group later).')
param alertEmail string = ''

@description('Monthly cost budget of the target subscription, in the billing currency.')
param budgetAmount int = 200

@description('Percent of the budget (actual cost) at which the operators are notified.')
param budgetThresholdPercent int = 80

@description('yyyy-MM of the first month the budget counts; the deployment month by default.')
param budgetStartMonth string = utcNow('yyyy-MM')

@description('Client id of the HayMaker API app registration (Entra sign-in with app roles HayMaker.Read and HayMaker.Operate); empty = the API answers only health.')
param apiClientId string = ''

@description('Give the principal running this deployment (deployer()) AcrPush, to publish the agent image, and Key Vault Secrets Officer, to set the Anthropic key.')
param grantDeployerAccess bool = true

@description('Agent image reference; empty until the pipeline has pushed one (a placeholder runs meanwhile).')
param agentImage string = ''

@description('vCPU per agent execution (memory follows at 2 GiB per vCPU). 0.5 vCPU / 1 GiB runs az + node.')
@allowed(['0.25', '0.5', '0.75', '1', '1.25', '1.5', '1.75', '2'])
param agentCpuCores string = '0.5'

@description('Put the Container Apps environment in a VNet of its own.')
param enableVnet bool = false
@description('Network isolation: Key Vault, Service Bus (Premium, one messaging unit) and Storage refuse public traffic and are reached through private endpoints in the VNet, which the Function App and the agent jobs join. Implies the VNet. Costs: docs/deployment.md "Network isolation".')
param privateNetworking bool = false

@allowed(['small', 'medium', 'large'])
param simulationSize string = 'small'

@description('Run timer, six-field NCRONTAB (UTC).')
param scheduleCron string = '0 0 0,6,12,18 * * *'

@description('Janitor timer, six-field NCRONTAB (UTC).')
param janitorCron string = '0 30 * * * *'

param janitorDryRun bool = false

@minValue(1)
param operationsWindowMinutes int = 480

@minValue(1)
param operationBursts int = 8

@minValue(0)
param rolePropagationSeconds int = 60

@minValue(1)
param phaseDeadlineMinutes int = 60

@minValue(1)
param burstDeadlineMinutes int = 20

@description('Times an agent job that ended without reporting is started again for the same phase.')
@minValue(0)
@maxValue(10)
param phaseCrashRetries int = 2

@description('Agent watchdog timer, six-field NCRONTAB (UTC): finds agent jobs that ended without reporting.')
param agentWatchdogCron string = '0 * * * * *'

@description('How long an ended execution may stay unreported before it counts as crashed.')
@minValue(0)
param agentCrashGraceSeconds int = 120

@minValue(1)
param runExpiryHours int = 12

@description('Office-hours profile that places the operation bursts, e.g. \'Europe/Berlin Mon-Fri 09-17\'; empty = an even spread.')
param officeHours string = ''

param anthropicModel string = 'claude-sonnet-4-6'

param anthropicApiKeySecretName string = 'anthropic-api-key'

@description('Log Analytics daily ingestion cap in GB.')
param logDailyQuotaGb int = 1

@description('Durable Functions backend: the Azure Storage task hub in the app\'s storage account, or a Durable Task Scheduler (supported on every Functions plan, Flex Consumption included). State does not move between them: switch with no run in flight. See docs/deployment.md.')
@allowed(['AzureStorage', 'DurableTaskScheduler'])
param durableBackend string = 'AzureStorage'

@description('Durable Task Scheduler billing SKU when durableBackend is DurableTaskScheduler.')
@allowed(['Consumption', 'Dedicated'])
param durableTaskSchedulerSku string = 'Consumption'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'haymaker'
  environment: environmentName
}
var serviceBusQueue = 'agent-events'
var fillsSubscriptionId = empty(targetSubscriptionId) ? subscription().subscriptionId : targetSubscriptionId
// The principal running this deployment: the developer under `azd up`, the pipeline's identity in the workflow.
// deployer() has objectId and tenantId, and userPrincipalName only for a user (Bicep 0.36.1 or later,
// https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-deployment#deployer).
var deployerPrincipalId = grantDeployerAccess ? deployer().objectId : ''
var deployerPrincipalType = empty(deployer().userPrincipalName) ? 'ServicePrincipal' : 'User'
var useDurableTaskScheduler = durableBackend == 'DurableTaskScheduler'
var useVnet = enableVnet || privateNetworking

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-haymaker-${environmentName}'
  location: location
  tags: tags
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    dailyQuotaGb: logDailyQuotaGb
  }
}

module storage './modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${resourceToken}'
    privateNetworking: privateNetworking
  }
}

module serviceBus './modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    // A Standard namespace does not become Premium by a SKU update (Service Bus migrates Standard to Premium into a
    // separate namespace: namespaces/migrationConfigurations), so the private one has a name of its own.
    namespaceName: privateNetworking ? 'sbp-${resourceToken}' : 'sb-${resourceToken}'
    queueName: serviceBusQueue
    privateNetworking: privateNetworking
  }
}

module keyVault './modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    keyVaultName: 'kv-${resourceToken}'
    privateNetworking: privateNetworking
  }
}

module registry './modules/registry.bicep' = {
  name: 'registry'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    registryName: 'cr${resourceToken}'
  }
}

module identities './modules/identities.bicep' = {
  name: 'identities'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    orchestratorIdentityName: 'id-orchestrator-${resourceToken}'
    agentIdentityName: 'id-agent-${resourceToken}'
  }
}

module roles './modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: resourceGroup
  params: {
    orchestratorPrincipalId: identities.outputs.orchestratorPrincipalId
    agentPrincipalId: identities.outputs.agentPrincipalId
    storageAccountName: storage.outputs.storageAccountName
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    keyVaultName: keyVault.outputs.keyVaultName
    registryName: registry.outputs.registryName
    appInsightsName: monitoring.outputs.appInsightsName
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

// The orchestrator's rights over the subscription it fills (which may not be this one).
module subscriptionRoles './modules/subscription-roles.bicep' = {
  name: 'subscription-roles'
  scope: subscription(fillsSubscriptionId)
  params: {
    orchestratorPrincipalId: identities.outputs.orchestratorPrincipalId
    agentPrincipalId: identities.outputs.agentPrincipalId
  }
}

module network './modules/network.bicep' = if (useVnet) {
  name: 'network'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetName: 'vnet-${resourceToken}'
    privateNetworking: privateNetworking
  }
}

module privateEndpoints './modules/private-endpoints.bicep' = if (privateNetworking) {
  name: 'private-endpoints'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetId: network!.outputs.vnetId
    subnetId: network!.outputs.privateEndpointSubnetId
    keyVaultId: keyVault.outputs.keyVaultId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    storageAccountId: storage.outputs.storageAccountId
  }
}

module agentJob './modules/agent-job.bicep' = {
  name: 'agent-job'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    environmentName: 'cae-${resourceToken}'
    jobName: 'caj-agent-${resourceToken}'
    workspaceName: monitoring.outputs.workspaceName
    agentIdentityId: identities.outputs.agentId
    agentIdentityClientId: identities.outputs.agentClientId
    registryLoginServer: registry.outputs.loginServer
    image: agentImage
    cpuCores: agentCpuCores
    infrastructureSubnetId: useVnet ? network!.outputs.containerAppsSubnetId : ''
    // The orchestration's deadline decides; the job's own timeout only stops a hung container after it.
    replicaTimeoutInSeconds: (phaseDeadlineMinutes + 10) * 60
    tenantId: tenant().tenantId
    subscriptionId: fillsSubscriptionId
    scenarioLocation: scenarioLocation
    keyVaultUri: keyVault.outputs.keyVaultUri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusQueue: serviceBusQueue
    anthropicModel: anthropicModel
    anthropicApiKeySecretName: anthropicApiKeySecretName
  }
  // The job pulls from the registry with its identity: AcrPull must exist before the first pull.
  dependsOn: [roles]
}

// The orchestrator's rights on the agent job (start, stop, read executions), from the table's agentJob grants.
module jobRoles './modules/job-role-assignments.bicep' = {
  name: 'job-role-assignments'
  scope: resourceGroup
  params: {
    orchestratorPrincipalId: identities.outputs.orchestratorPrincipalId
    jobName: agentJob.outputs.jobName
  }
}

// Only with durableBackend = DurableTaskScheduler: the scheduler, the task hub host.json names, the app's data role.
module durableTaskScheduler './modules/durable-task-scheduler.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    schedulerName: 'dts-${resourceToken}'
    skuName: durableTaskSchedulerSku
    orchestratorPrincipalId: identities.outputs.orchestratorPrincipalId
  }
}

module functionApp './modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  params: {
    apiClientId: apiClientId
    location: location
    tags: tags
    planName: 'plan-${resourceToken}'
    functionAppName: 'func-${resourceToken}'
    orchestratorIdentityId: identities.outputs.orchestratorId
    orchestratorClientId: identities.outputs.orchestratorClientId
    storageAccountName: storage.outputs.storageAccountName
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    tenantId: tenant().tenantId
    targetSubscriptionId: fillsSubscriptionId
    scenarioLocation: scenarioLocation
    scenarioRegions: scenarioRegions
    keyVaultUri: keyVault.outputs.keyVaultUri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusQueue: serviceBusQueue
    containerAppsResourceGroup: resourceGroup.name
    containerAppsJobName: agentJob.outputs.jobName
    simulationSize: simulationSize
    scheduleCron: scheduleCron
    janitorCron: janitorCron
    janitorDryRun: janitorDryRun
    operationsWindowMinutes: operationsWindowMinutes
    operationBursts: operationBursts
    rolePropagationSeconds: rolePropagationSeconds
    phaseDeadlineMinutes: phaseDeadlineMinutes
    burstDeadlineMinutes: burstDeadlineMinutes
    phaseCrashRetries: phaseCrashRetries
    agentWatchdogCron: agentWatchdogCron
    agentCrashGraceSeconds: agentCrashGraceSeconds
    runExpiryHours: runExpiryHours
    officeHours: officeHours
    anthropicApiKeySecretName: anthropicApiKeySecretName
    anthropicModel: anthropicModel
    durableTaskSchedulerEndpoint: useDurableTaskScheduler ? durableTaskScheduler!.outputs.endpoint : ''
    functionAppSubnetId: privateNetworking ? network!.outputs.functionAppSubnetId : ''
  }
  // The host reads its storage, queue and task hub with the identity from the first start (through the private
  // endpoints when the services refuse public traffic).
  dependsOn: [roles, durableTaskScheduler, privateEndpoints]
}

// UPPER_SNAKE for azd (it turns outputs into environment values); names and endpoints only, never a key.
// Every platform resource's logs and metrics to the workspace; alerts on what the app signals; a budget on the
// subscription the scenarios spend in.
module diagnostics './modules/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: resourceGroup
  params: {
    workspaceId: monitoring.outputs.workspaceId
    keyVaultName: keyVault.outputs.keyVaultName
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    storageAccountName: storage.outputs.storageAccountName
    functionAppName: functionApp.outputs.functionAppName
  }
}

module alerts './modules/alerts.bicep' = {
  name: 'alerts'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-${resourceToken}'
    alertEmail: alertEmail
    workspaceId: monitoring.outputs.workspaceId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    agentEventsQueue: serviceBusQueue
  }
}

module budget './modules/budget.bicep' = {
  name: 'budget'
  scope: subscription(fillsSubscriptionId)
  params: {
    budgetName: 'haymaker-${environmentName}'
    amount: budgetAmount
    thresholdPercent: budgetThresholdPercent
    startMonth: budgetStartMonth
    actionGroupId: alerts.outputs.actionGroupId
    alertEmail: alertEmail
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.registryName
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.functionAppName
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_API_CLIENT_ID string = apiClientId
output AZURE_ORCHESTRATOR_PRINCIPAL_ID string = identities.outputs.orchestratorPrincipalId
output AZURE_ORCHESTRATOR_CLIENT_ID string = identities.outputs.orchestratorClientId
output KEY_VAULT_NAME string = keyVault.outputs.keyVaultName
output KEY_VAULT_URL string = keyVault.outputs.keyVaultUri
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output CONTAINER_APPS_JOB_NAME string = agentJob.outputs.jobName
output STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName
output DURABLE_BACKEND string = durableBackend
