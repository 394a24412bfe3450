// Splits an ARM resource id into the parts the generic API and the provider api-version lookup need.

export interface ParsedResourceId {
  id: string;
  subscriptionId: string;
  resourceGroup?: string;
  /** Provider namespace, e.g. Microsoft.Network; absent for a resource group id. */
  namespace?: string;
  /** Type below the namespace, e.g. virtualNetworks/subnets (what providers.get lists). */
  resourceType?: string;
  /** Full type: Microsoft.Network/virtualNetworks/subnets, or Microsoft.Resources/resourceGroups. */
  fullType: string;
  name: string;
  kind: 'resourceGroup' | 'resource';
  /** Number of type/name pairs below the provider: 1 for a top-level resource, 2 for a child, … */
  depth: number;
}

export function parseResourceId(id: string): ParsedResourceId {
  const parts = id.split('/').filter((p) => p.length > 0);
  const lower = parts.map((p) => p.toLowerCase());
  if (lower[0] !== 'subscriptions' || !parts[1]) {
    throw new Error(`"${id}" is not an ARM resource id (expected /subscriptions/<id>/...)`);
  }
  const subscriptionId = parts[1];
  if (lower[2] !== 'resourcegroups' || !parts[3]) {
    throw new Error(
      `"${id}" is not under a resource group; HayMaker only manages resource-group-scoped resources`,
    );
  }
  const resourceGroup = parts[3];
  if (parts.length === 4) {
    return {
      id,
      subscriptionId,
      resourceGroup,
      fullType: 'Microsoft.Resources/resourceGroups',
      name: resourceGroup,
      kind: 'resourceGroup',
      depth: 0,
    };
  }
  // The last "providers" segment wins: extension resources nest a second provider path.
  const providerIndex = lower.lastIndexOf('providers');
  const rest = parts.slice(providerIndex + 2);
  if (providerIndex < 4 || !parts[providerIndex + 1] || rest.length < 2 || rest.length % 2 !== 0) {
    throw new Error(
      `"${id}" is not a well-formed ARM resource id (expected .../providers/<namespace>/<type>/<name>)`,
    );
  }
  const namespace = parts[providerIndex + 1];
  const types = rest.filter((_, i) => i % 2 === 0);
  const resourceType = types.join('/');
  return {
    id,
    subscriptionId,
    resourceGroup,
    namespace,
    resourceType,
    fullType: `${namespace}/${resourceType}`,
    name: rest[rest.length - 1],
    kind: 'resource',
    depth: types.length,
  };
}
