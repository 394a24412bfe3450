export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  namespace: string;
  /** Type path without the namespace: `storageAccounts`, `virtualNetworks/subnets`. */
  resourceType: string;
  /** `Microsoft.Storage/storageAccounts`. */
  type: string;
  name: string;
  /** Id of the parent resource for a child resource. */
  parentId?: string;
}

/**
 * Parses `/subscriptions/S/resourceGroups/G/providers/NS/t1/n1[/t2/n2…]`. Returns undefined for
 * anything else (including an odd number of type/name segments, which Azure refuses).
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = /^\/?subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (!m) return undefined;
  const parts = m[4].split('/').filter(Boolean);
  if (parts.length < 2 || parts.length % 2 !== 0) return undefined;
  const types = parts.filter((_, i) => i % 2 === 0);
  const resourceType = types.join('/');
  const prefix = `/subscriptions/${m[1]}/resourceGroups/${m[2]}/providers/${m[3]}`;
  return {
    subscriptionId: m[1],
    resourceGroup: m[2],
    namespace: m[3],
    resourceType,
    type: `${m[3]}/${resourceType}`,
    name: parts[parts.length - 1],
    parentId: parts.length > 2 ? `${prefix}/${parts.slice(0, -2).join('/')}` : undefined,
  };
}

export function resourceGroupId(subscriptionId: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
}

/** Map keys ignore case, as ARM ids do. */
export const idKey = (id: string): string => (id.startsWith('/') ? id : `/${id}`).toLowerCase();
