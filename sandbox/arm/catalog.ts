/**
 * Resource types the sandbox knows with the api-versions Azure accepts for them (a subset, newest first).
 * A request for a listed type with another api-version is refused as Azure refuses it; types not listed
 * are accepted with any api-version (the sandbox takes any provider type) and then show up in their
 * provider's list with the versions they were created with.
 */
export const providerCatalog: Record<string, Record<string, string[]>> = {
  'Microsoft.Resources': {
    resourceGroups: ['2025-04-01', '2024-11-01', '2024-03-01', '2023-07-01', '2022-09-01', '2021-04-01'],
    tags: ['2025-04-01', '2024-11-01', '2024-03-01', '2023-07-01', '2022-09-01', '2021-04-01'],
    deployments: ['2025-04-01', '2024-11-01', '2024-03-01', '2023-07-01', '2022-09-01', '2021-04-01'],
  },
  'Microsoft.Authorization': {
    roleAssignments: ['2022-04-01', '2020-10-01', '2020-10-01-preview', '2020-04-01-preview', '2015-07-01'],
    roleDefinitions: ['2022-04-01', '2022-05-01-preview', '2018-01-01-preview', '2015-07-01'],
  },
  'Microsoft.Storage': {
    storageAccounts: ['2025-01-01', '2024-01-01', '2023-05-01', '2023-01-01', '2022-09-01', '2021-09-01'],
    'storageAccounts/blobServices': ['2025-01-01', '2024-01-01', '2023-05-01', '2023-01-01'],
    'storageAccounts/blobServices/containers': ['2025-01-01', '2024-01-01', '2023-05-01', '2023-01-01'],
  },
  'Microsoft.KeyVault': {
    vaults: ['2024-11-01', '2024-04-01-preview', '2023-07-01', '2023-02-01', '2022-07-01'],
    'vaults/secrets': ['2024-11-01', '2023-07-01', '2023-02-01', '2022-07-01'],
  },
  'Microsoft.Web': {
    sites: ['2024-11-01', '2024-04-01', '2023-12-01', '2023-01-01', '2022-09-01'],
    serverfarms: ['2024-11-01', '2024-04-01', '2023-12-01', '2023-01-01', '2022-09-01'],
  },
  'Microsoft.Network': {
    virtualNetworks: ['2024-07-01', '2024-05-01', '2024-01-01', '2023-09-01', '2023-05-01'],
    'virtualNetworks/subnets': ['2024-07-01', '2024-05-01', '2024-01-01', '2023-09-01', '2023-05-01'],
    networkSecurityGroups: ['2024-07-01', '2024-05-01', '2024-01-01', '2023-09-01', '2023-05-01'],
    publicIPAddresses: ['2024-07-01', '2024-05-01', '2024-01-01', '2023-09-01', '2023-05-01'],
    networkInterfaces: ['2024-07-01', '2024-05-01', '2024-01-01', '2023-09-01', '2023-05-01'],
    privateDnsZones: ['2024-06-01', '2020-06-01', '2018-09-01'],
  },
  'Microsoft.Compute': {
    virtualMachines: ['2024-11-01', '2024-07-01', '2024-03-01', '2023-09-01', '2023-03-01'],
    disks: ['2024-03-02', '2023-10-02', '2023-04-02', '2022-07-02'],
  },
  'Microsoft.App': {
    jobs: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01'],
    containerApps: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01'],
    managedEnvironments: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01'],
  },
  'Microsoft.ServiceBus': {
    namespaces: ['2024-01-01', '2022-10-01-preview', '2021-11-01'],
    'namespaces/queues': ['2024-01-01', '2022-10-01-preview', '2021-11-01'],
    'namespaces/topics': ['2024-01-01', '2022-10-01-preview', '2021-11-01'],
  },
  'Microsoft.ManagedIdentity': {
    userAssignedIdentities: ['2024-11-30', '2023-07-31-preview', '2023-01-31', '2018-11-30'],
  },
  'Microsoft.OperationalInsights': {
    workspaces: ['2025-02-01', '2023-09-01', '2022-10-01', '2021-06-01'],
  },
  'Microsoft.Insights': {
    components: ['2020-02-02', '2015-05-01'],
    actionGroups: ['2024-10-01-preview', '2023-01-01', '2022-06-01'],
  },
  'Microsoft.DocumentDB': {
    databaseAccounts: ['2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15', '2023-11-15'],
  },
  'Microsoft.Sql': {
    servers: ['2023-08-01', '2023-05-01-preview', '2021-11-01'],
    'servers/databases': ['2023-08-01', '2023-05-01-preview', '2021-11-01'],
  },
  'Microsoft.CognitiveServices': {
    accounts: ['2025-06-01', '2024-10-01', '2024-06-01-preview', '2023-05-01'],
  },
  'Microsoft.ContainerRegistry': {
    registries: ['2025-04-01', '2023-07-01', '2023-01-01-preview', '2022-12-01'],
  },
  'Microsoft.EventHub': {
    namespaces: ['2024-01-01', '2022-10-01-preview', '2021-11-01'],
  },
  'Microsoft.Logic': {
    workflows: ['2019-05-01', '2016-06-01'],
  },
  'Microsoft.Cache': {
    redis: ['2024-11-01', '2024-03-01', '2023-08-01', '2023-04-01'],
  },
};

/** Api-versions the catalog lists for a type, or undefined when the type is not catalogued. */
export function catalogVersions(namespace: string, resourceType: string): string[] | undefined {
  const ns = Object.keys(providerCatalog).find((n) => n.toLowerCase() === namespace.toLowerCase());
  if (!ns) return undefined;
  const types = providerCatalog[ns];
  const type = Object.keys(types).find((t) => t.toLowerCase() === resourceType.toLowerCase());
  return type ? types[type] : undefined;
}

export function catalogNamespace(namespace: string): string | undefined {
  return Object.keys(providerCatalog).find((n) => n.toLowerCase() === namespace.toLowerCase());
}
