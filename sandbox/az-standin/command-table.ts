// CLI command group → ARM resource type. A template names each segment's source:
// `{name|account-name}` = the first of those options; fixed words stay as written.

export interface ResourceCommand {
  /** Provider namespace and the type/name segments: `Microsoft.Network/virtualNetworks/{vnet-name}/subnets/{name}`. */
  template: string;
  /** Verbs besides `create` that create or replace (`postgres flexible-server parameter set`). */
  putVerbs?: string[];
  /** Azure makes these itself (tables of a workspace): `update` of a missing one creates it. */
  implicit?: boolean;
  /** Every verb acts on an existing resource (the template names its target, not a child to create). */
  actionOnly?: boolean;
}

const n = '{name}';

export const commandTable: Record<string, ResourceCommand> = {
  'storage account': { template: 'Microsoft.Storage/storageAccounts/{name|account-name}' },
  'storage container-rm': {
    template: `Microsoft.Storage/storageAccounts/{storage-account|account-name}/blobServices/default/containers/${n}`,
  },
  'storage account management-policy': {
    template: 'Microsoft.Storage/storageAccounts/{account-name|name}/managementPolicies/default',
  },
  'storage account blob-service-properties': {
    template: 'Microsoft.Storage/storageAccounts/{account-name|name}/blobServices/default',
    implicit: true,
  },
  'storage account local-user': {
    template: `Microsoft.Storage/storageAccounts/{account-name}/localUsers/${n}`,
  },
  keyvault: { template: 'Microsoft.KeyVault/vaults/{name}' },
  vm: { template: `Microsoft.Compute/virtualMachines/${n}` },
  vmss: { template: `Microsoft.Compute/virtualMachineScaleSets/${n}` },
  disk: { template: `Microsoft.Compute/disks/${n}` },
  snapshot: { template: `Microsoft.Compute/snapshots/${n}` },
  'network vnet': { template: `Microsoft.Network/virtualNetworks/${n}` },
  'network vnet subnet': { template: `Microsoft.Network/virtualNetworks/{vnet-name}/subnets/${n}` },
  'network vnet peering': {
    template: `Microsoft.Network/virtualNetworks/{vnet-name}/virtualNetworkPeerings/${n}`,
  },
  'network nsg': { template: `Microsoft.Network/networkSecurityGroups/${n}` },
  'network nsg rule': { template: `Microsoft.Network/networkSecurityGroups/{nsg-name}/securityRules/${n}` },
  'network public-ip': { template: `Microsoft.Network/publicIPAddresses/${n}` },
  'network nic': { template: `Microsoft.Network/networkInterfaces/${n}` },
  'network nat gateway': { template: `Microsoft.Network/natGateways/${n}` },
  'network lb': { template: `Microsoft.Network/loadBalancers/${n}` },
  'network lb rule': { template: `Microsoft.Network/loadBalancers/{lb-name}/loadBalancingRules/${n}` },
  'network lb probe': { template: `Microsoft.Network/loadBalancers/{lb-name}/probes/${n}` },
  'network route-table': { template: `Microsoft.Network/routeTables/${n}` },
  'network route-table route': { template: `Microsoft.Network/routeTables/{route-table-name}/routes/${n}` },
  'network private-endpoint': { template: `Microsoft.Network/privateEndpoints/${n}` },
  'network private-endpoint dns-zone-group': {
    template: `Microsoft.Network/privateEndpoints/{endpoint-name}/privateDnsZoneGroups/${n}`,
  },
  'network private-dns zone': { template: `Microsoft.Network/privateDnsZones/${n}` },
  'network private-dns link vnet': {
    template: `Microsoft.Network/privateDnsZones/{zone-name}/virtualNetworkLinks/${n}`,
  },
  'network private-dns record-set a': {
    template: 'Microsoft.Network/privateDnsZones/{zone-name}/A/{record-set-name|name}',
    putVerbs: ['add-record'],
  },
  'network local-gateway': { template: `Microsoft.Network/localNetworkGateways/${n}` },
  identity: { template: `Microsoft.ManagedIdentity/userAssignedIdentities/${n}` },
  'identity federated-credential': {
    template: `Microsoft.ManagedIdentity/userAssignedIdentities/{identity-name}/federatedIdentityCredentials/${n}`,
  },
  acr: { template: 'Microsoft.ContainerRegistry/registries/{name|registry}' },
  'acr webhook': { template: `Microsoft.ContainerRegistry/registries/{registry}/webhooks/${n}` },
  // Repository-scoped access (https://learn.microsoft.com/azure/container-registry/container-registry-repository-scoped-permissions).
  'acr scope-map': { template: `Microsoft.ContainerRegistry/registries/{registry}/scopeMaps/${n}` },
  'acr token': { template: `Microsoft.ContainerRegistry/registries/{registry}/tokens/${n}` },
  'acr repository': { template: 'Microsoft.ContainerRegistry/registries/{name|registry}', actionOnly: true },
  'appservice plan': { template: `Microsoft.Web/serverfarms/${n}` },
  webapp: { template: `Microsoft.Web/sites/${n}` },
  functionapp: { template: `Microsoft.Web/sites/${n}` },
  'webapp deployment slot': { template: 'Microsoft.Web/sites/{name}/slots/{slot}' },
  'cognitiveservices account': { template: `Microsoft.CognitiveServices/accounts/${n}` },
  cosmosdb: { template: `Microsoft.DocumentDB/databaseAccounts/${n}` },
  'cosmosdb sql database': {
    template: `Microsoft.DocumentDB/databaseAccounts/{account-name}/sqlDatabases/${n}`,
  },
  'cosmosdb sql container': {
    template: `Microsoft.DocumentDB/databaseAccounts/{account-name}/sqlDatabases/{database-name}/containers/${n}`,
  },
  'cosmosdb table': { template: `Microsoft.DocumentDB/databaseAccounts/{account-name}/tables/${n}` },
  'cosmosdb gremlin database': {
    template: `Microsoft.DocumentDB/databaseAccounts/{account-name}/gremlinDatabases/${n}`,
  },
  'cosmosdb gremlin graph': {
    template: `Microsoft.DocumentDB/databaseAccounts/{account-name}/gremlinDatabases/{database-name}/graphs/${n}`,
  },
  'postgres flexible-server': { template: `Microsoft.DBforPostgreSQL/flexibleServers/${n}` },
  'postgres flexible-server firewall-rule': {
    template: 'Microsoft.DBforPostgreSQL/flexibleServers/{name|server-name}/firewallRules/{rule-name}',
  },
  'postgres flexible-server parameter': {
    template: `Microsoft.DBforPostgreSQL/flexibleServers/{server-name}/configurations/${n}`,
    putVerbs: ['set'],
    implicit: true,
  },
  'postgres flexible-server ad-admin': {
    template: 'Microsoft.DBforPostgreSQL/flexibleServers/{server-name}/administrators/{object-id}',
  },
  'eventhubs namespace': { template: `Microsoft.EventHub/namespaces/${n}` },
  'eventhubs eventhub': { template: `Microsoft.EventHub/namespaces/{namespace-name}/eventhubs/${n}` },
  'eventhubs eventhub consumer-group': {
    template: `Microsoft.EventHub/namespaces/{namespace-name}/eventhubs/{eventhub-name}/consumergroups/${n}`,
  },
  'eventhubs eventhub authorization-rule': {
    template: `Microsoft.EventHub/namespaces/{namespace-name}/eventhubs/{eventhub-name}/authorizationRules/${n}`,
  },
  'servicebus namespace': { template: `Microsoft.ServiceBus/namespaces/${n}` },
  'servicebus queue': { template: `Microsoft.ServiceBus/namespaces/{namespace-name}/queues/${n}` },
  'servicebus queue authorization-rule': {
    template: `Microsoft.ServiceBus/namespaces/{namespace-name}/queues/{queue-name}/authorizationRules/${n}`,
  },
  'servicebus topic': { template: `Microsoft.ServiceBus/namespaces/{namespace-name}/topics/${n}` },
  'servicebus topic authorization-rule': {
    template: `Microsoft.ServiceBus/namespaces/{namespace-name}/topics/{topic-name}/authorizationRules/${n}`,
  },
  'servicebus topic subscription': {
    template: `Microsoft.ServiceBus/namespaces/{namespace-name}/topics/{topic-name}/subscriptions/${n}`,
  },
  'relay namespace': { template: `Microsoft.Relay/namespaces/${n}` },
  'relay hyco': { template: `Microsoft.Relay/namespaces/{namespace-name}/hybridConnections/${n}` },
  'monitor log-analytics workspace': {
    template: 'Microsoft.OperationalInsights/workspaces/{workspace-name|name}',
  },
  'monitor log-analytics workspace saved-search': {
    template: `Microsoft.OperationalInsights/workspaces/{workspace-name}/savedSearches/${n}`,
  },
  'monitor log-analytics workspace data-export': {
    template: `Microsoft.OperationalInsights/workspaces/{workspace-name}/dataExports/${n}`,
  },
  'monitor log-analytics workspace table': {
    template: `Microsoft.OperationalInsights/workspaces/{workspace-name}/tables/${n}`,
    implicit: true,
  },
  'monitor action-group': { template: `Microsoft.Insights/actionGroups/${n}` },
  'monitor activity-log alert': { template: `Microsoft.Insights/activityLogAlerts/${n}` },
  'monitor autoscale': { template: `Microsoft.Insights/autoscalesettings/${n}` },
  'monitor autoscale rule': {
    template: 'Microsoft.Insights/autoscalesettings/{autoscale-name}',
    actionOnly: true,
  },
  aks: { template: `Microsoft.ContainerService/managedClusters/${n}` },
  'aks nodepool': { template: `Microsoft.ContainerService/managedClusters/{cluster-name}/agentPools/${n}` },
  apim: { template: `Microsoft.ApiManagement/service/${n}` },
  'apim api': { template: 'Microsoft.ApiManagement/service/{service-name}/apis/{api-id}' },
};

/** The longest command group of the table that starts `path`, and the words after it. */
export function findCommand(
  path: string[],
): { group: string; entry: ResourceCommand; rest: string[] } | undefined {
  for (let length = path.length - 1; length >= 1; length--) {
    const group = path.slice(0, length).join(' ');
    const entry = commandTable[group];
    if (entry) return { group, entry, rest: path.slice(length) };
  }
  return undefined;
}
