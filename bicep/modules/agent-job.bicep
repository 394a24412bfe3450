// Container Apps environment and the agent job. One execution runs one phase of one scenario; the orchestration
// starts it with a per-execution env override (docs/ARCHITECTURE.md "Agent job contract"). The job holds no
// secret: the agent reads its scenario SP secret and the Anthropic key from Key Vault by name with its identity.
param location string
param tags object
param environmentName string
param jobName string
param workspaceName string
param agentIdentityId string
param agentIdentityClientId string
param registryLoginServer string
@description('Agent image (registry/repository:tag). Empty = a public placeholder until the pipeline pushes the agent.')
param image string = ''
@description('vCPU per execution. Memory follows at 2 GiB per vCPU, the only ratio Consumption accepts.')
@allowed(['0.25', '0.5', '0.75', '1', '1.25', '1.5', '1.75', '2'])
param cpuCores string = '0.5'
@description('Subnet for a VNet-integrated environment; empty = no VNet.')
param infrastructureSubnetId string = ''
@description('Execution timeout: the orchestration\'s PHASE_DEADLINE_MINUTES plus a margin, in seconds.')
param replicaTimeoutInSeconds int = 4200
param tenantId string
param subscriptionId string
@description('Region scenario resources go to (the orchestrator does not pass it per execution).')
param scenarioLocation string
param keyVaultUri string
param serviceBusNamespace string
param serviceBusQueue string
param anthropicModel string
param anthropicApiKeySecretName string

// Valid Consumption shapes: memory = 2 x vCPU.
var memoryForCpu = {
  '0.25': '0.5Gi'
  '0.5': '1Gi'
  '0.75': '1.5Gi'
  '1': '2Gi'
  '1.25': '2.5Gi'
  '1.5': '3Gi'
  '1.75': '3.5Gi'
  '2': '4Gi'
}
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    vnetConfiguration: empty(infrastructureSubnetId)
      ? null
      : {
          infrastructureSubnetId: infrastructureSubnetId
          internal: false
        }
  }
}

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: jobName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${agentIdentityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Manual'
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      // The orchestration owns retries (it re-runs a phase after reading the agent's outcome).
      replicaRetryLimit: 0
      replicaTimeout: replicaTimeoutInSeconds
      registries: [
        {
          server: registryLoginServer
          identity: agentIdentityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'agent'
          image: empty(image) ? placeholderImage : image
          resources: {
            cpu: json(cpuCores)
            memory: memoryForCpu[cpuCores]
          }
          // Values that are the same for every execution; the per-execution ones come with each start.
          env: [
            { name: 'AZURE_CLIENT_ID', value: agentIdentityClientId }
            { name: 'AZURE_TENANT_ID', value: tenantId }
            { name: 'AZURE_SUBSCRIPTION_ID', value: subscriptionId }
            { name: 'AZURE_LOCATION', value: scenarioLocation }
            { name: 'KEY_VAULT_URL', value: keyVaultUri }
            { name: 'SERVICE_BUS_NAMESPACE', value: serviceBusNamespace }
            { name: 'SERVICE_BUS_QUEUE', value: serviceBusQueue }
            { name: 'ANTHROPIC_MODEL', value: anthropicModel }
            { name: 'ANTHROPIC_API_KEY_SECRET_NAME', value: anthropicApiKeySecretName }
          ]
        }
      ]
    }
  }
}

output environmentId string = environment.id
output jobName string = job.name
output jobId string = job.id
