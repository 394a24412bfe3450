// `create` commands that take no --tags: child objects (subnets, databases, queues), data-plane objects and
// Entra objects. Built from the real Azure CLI's help (Debian azure-cli 2.45: commands whose Arguments list
// no --tags) plus the command policy's list; a create outside this list must carry --tags $HAYMAKER_TAGS.
export const UNTAGGABLE_CREATE_GROUPS: readonly string[] = [
  // Entra, RBAC, deployments, locks, policy
  'ad', 'role', 'deployment', 'lock', 'policy', 'resource', 'tag',
  // storage data plane and child objects
  'storage container', 'storage container-rm', 'storage blob', 'storage share', 'storage share-rm', 'storage queue', 'storage table',
  'storage fs', 'storage directory', 'storage file', 'storage entity', 'storage account management-policy', 'storage account blob-service-properties',
  'keyvault secret', 'keyvault key', 'keyvault certificate',
  // networking children
  'network vnet subnet', 'network nsg rule', 'network lb rule', 'network lb probe', 'network lb address-pool', 'network lb frontend-ip',
  'network lb inbound-nat-rule', 'network route-table route', 'network vnet peering', 'network dns record-set', 'network private-dns record-set',
  'network private-endpoint dns-zone-group', 'network nat gateway',
  // database children
  'cosmosdb sql', 'cosmosdb mongodb', 'cosmosdb table', 'cosmosdb cassandra', 'cosmosdb gremlin',
  'sql server', 'sql db', 'postgres flexible-server db', 'postgres flexible-server firewall-rule', 'mysql flexible-server db',
  'mysql flexible-server firewall-rule',
  // messaging children
  'servicebus queue', 'servicebus topic', 'eventhubs eventhub',
  // monitoring, web and containers
  'monitor diagnostic-settings', 'monitor log-analytics workspace table',
  'monitor log-analytics workspace data-export', 'monitor log-analytics workspace saved-search', 'monitor log-analytics workspace linked-service',
  'monitor log-analytics workspace linked-storage', 'webapp config', 'webapp deployment', 'functionapp config',
  'functionapp deployment', 'aks nodepool', 'acr repository', 'acr task', 'container', 'containerapp revision', 'apim api', 'sig image-version',
  'cognitiveservices account deployment', 'search service', 'kusto cluster', 'identity federated-credential', 'relay hyco',
  'relay wcfrelay', 'storage account local-user', 'postgres flexible-server ad-admin', 'sql server ad-admin', 'monitor autoscale rule',
];

/**
 * Flags that name the parent of the object a create makes (`az relay hyco create --namespace-name`,
 * `az identity federated-credential create --identity-name`): child objects take no tags of their own.
 */
export const CHILD_PARENT_FLAGS: readonly string[] = [
  '--vnet-name', '--server', '--server-name', '--account-name', '--vault-name', '--namespace-name', '--cluster-name', '--gateway-name',
  '--lb-name', '--nsg-name', '--zone-name', '--profile-name', '--eventhub-name', '--topic-name', '--database-name', '--route-table-name',
  '--storage-account', '--parent', '--share-name', '--container-name', '--queue-name', '--identity-name', '--service-name',
  '--factory-name', '--job-name', '--cluster', '--pool-name', '--hub-name', '--autoscale-name', '--webapp-name', '--application-name',
];

/** True when a create (path e.g. ['storage','account','create'], with its flag names) must carry the HayMaker tags. */
export function createNeedsTags(path: readonly string[], flagNames: readonly string[] = []): boolean {
  if (path.length < 2 || path[path.length - 1] !== 'create') return false;
  if (flagNames.some((f) => CHILD_PARENT_FLAGS.includes(f))) return false;
  const group = path.slice(0, -1).join(' ');
  return !UNTAGGABLE_CREATE_GROUPS.some((p) => group === p || group.startsWith(`${p} `));
}
