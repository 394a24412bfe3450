// Private endpoints for Key Vault (vault), Service Bus (namespace) and the storage account (blob, queue, table: the
// Functions host uses all three, the app blob and table), each with its privatelink DNS zone linked to the VNet so
// the Function App and the agent jobs resolve the services' usual names to the private addresses. Deployed only with
// privateNetworking, when the services refuse public traffic.
// Sources: https://learn.microsoft.com/azure/private-link/private-endpoint-dns (zone names per group id);
// https://learn.microsoft.com/azure/service-bus-messaging/private-link-service (Premium, group id `namespace`);
// API versions as in the Azure quickstart quickstarts/microsoft.network/private-endpoint/main.bicep
// (privateEndpoints and privateDnsZoneGroups 2024-01-01, privateDnsZones 2020-06-01).
param location string
param tags object
param vnetId string
param subnetId string
param keyVaultId string
param serviceBusNamespaceId string
param storageAccountId string

var endpoints = [
  { name: 'vault', target: keyVaultId, groupId: 'vault', zone: 'privatelink.vaultcore.azure.net' }
  { name: 'servicebus', target: serviceBusNamespaceId, groupId: 'namespace', zone: 'privatelink.servicebus.windows.net' }
  { name: 'blob', target: storageAccountId, groupId: 'blob', zone: 'privatelink.blob.core.windows.net' }
  { name: 'queue', target: storageAccountId, groupId: 'queue', zone: 'privatelink.queue.core.windows.net' }
  { name: 'table', target: storageAccountId, groupId: 'table', zone: 'privatelink.table.core.windows.net' }
]

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [
  for e in endpoints: {
    name: e.zone
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for (e, i) in endpoints: {
    parent: zones[i]
    name: 'platform-vnet'
    location: 'global'
    tags: tags
    properties: {
      virtualNetwork: { id: vnetId }
      registrationEnabled: false
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-01-01' = [
  for e in endpoints: {
    name: 'pe-${e.name}-${uniqueString(e.target)}'
    location: location
    tags: tags
    properties: {
      subnet: { id: subnetId }
      privateLinkServiceConnections: [
        {
          name: e.name
          properties: {
            privateLinkServiceId: e.target
            groupIds: [e.groupId]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = [
  for (e, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(e.zone, '.', '-')
          properties: { privateDnsZoneId: zones[i].id }
        }
      ]
    }
  }
]
