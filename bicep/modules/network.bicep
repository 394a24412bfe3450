// Optional virtual network for the Container Apps environment (enableVnet). A workload-profiles environment needs
// a subnet of at least /27 delegated to Microsoft.App/environments.
param location string
param tags object
param vnetName string
param addressPrefix string = '10.40.0.0/16'
param containerAppsSubnetPrefix string = '10.40.0.0/27'

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
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
    ]
  }
}

output containerAppsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'container-apps')
