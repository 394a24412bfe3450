// Service Bus namespace and the agent-events queue. Standard tier: Basic has no duplicate detection, and an agent
// that retries a publish must not deliver the same phase outcome twice.
param location string
param tags object
param namespaceName string
param queueName string = 'agent-events'
// IP firewall rules, virtual network rules and private endpoints are Premium-only
// (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering "Important points";
// service-bus-service-endpoints.md; private-link-service.md), so private networking takes a Premium namespace of one
// messaging unit, billed at a fixed daily rate (docs/deployment.md "Network isolation").
@description('Premium namespace that refuses public traffic: reachable only through its private endpoint.')
param privateNetworking bool = false

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: privateNetworking ? { name: 'Premium', tier: 'Premium', capacity: 1 } : { name: 'Standard', tier: 'Standard' }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    defaultMessageTimeToLive: 'P7D'
    deadLetteringOnMessageExpiration: true
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
  }
}

output namespaceId string = namespace.id
output namespaceName string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output queueName string = queue.name
