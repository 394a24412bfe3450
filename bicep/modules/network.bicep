// The platform's virtual network (enableVnet, or privateNetworking which needs it). A workload-profiles Container Apps
// environment needs a subnet of at least /27 delegated to Microsoft.App/environments. With privateNetworking, two more
// subnets: the Function App's outbound integration (Flex Consumption runs on Container Apps technology, so its subnet
// is delegated to Microsoft.App/environments too, not Microsoft.Web/serverFarms) and one for the private endpoints of
// Key Vault, Service Bus and Storage (modules/private-endpoints.bicep).
// Sources: https://learn.microsoft.com/azure/container-apps/networking (workload profiles: /27, delegation);
// https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan (virtual network integration) and the
// Microsoft Flex Consumption azd samples' vnet.bicep (delegation Microsoft.App/environments).
param location string
param tags object
param vnetName string
param addressPrefix string = '10.40.0.0/16'
param containerAppsSubnetPrefix string = '10.40.0.0/27'
@description('Add the Function App integration subnet and the private endpoint subnet.')
param privateNetworking bool = false
param functionAppSubnetPrefix string = '10.40.1.0/24'
param privateEndpointSubnetPrefix string = '10.40.2.0/24'

var containerAppsSubnet = {
  name: 'container-apps'
  properties: {
    addressPrefix: containerAppsSubnetPrefix
    delegations: [
      {
        name: 'container-apps'
        properties: { serviceName: 'Microsoft.App/environments' }
      }
    ]
  }
}
var privateSubnets = [
  {
    name: 'function-app'
    properties: {
      addressPrefix: functionAppSubnetPrefix
      delegations: [
        {
          name: 'function-app'
          properties: { serviceName: 'Microsoft.App/environments' }
        }
      ]
    }
  }
  {
    name: 'private-endpoints'
    properties: {
      addressPrefix: privateEndpointSubnetPrefix
      privateEndpointNetworkPolicies: 'Disabled'
    }
  }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: concat([containerAppsSubnet], privateNetworking ? privateSubnets : [])
  }
}

output vnetId string = vnet.id
output containerAppsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'container-apps')
output functionAppSubnetId string = privateNetworking ? resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'function-app') : ''
output privateEndpointSubnetId string = privateNetworking ? resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'private-endpoints') : ''
