import type { ArmResource, ArmResourceGroup, ArmRoleAssignment } from './store';

/** The wire shape of a resource group (internal bookkeeping left out). */
export function groupView(g: ArmResourceGroup): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    type: g.type,
    location: g.location,
    ...(g.managedBy ? { managedBy: g.managedBy } : {}),
    ...(g.tags ? { tags: g.tags } : {}),
    properties: { ...g.properties },
  };
}

export function resourceView(r: ArmResource): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    ...(r.location !== undefined ? { location: r.location } : {}),
    ...(r.kind !== undefined ? { kind: r.kind } : {}),
    ...(r.sku !== undefined ? { sku: r.sku } : {}),
    ...(r.identity !== undefined ? { identity: r.identity } : {}),
    ...(r.plan !== undefined ? { plan: r.plan } : {}),
    ...(r.managedBy !== undefined ? { managedBy: r.managedBy } : {}),
    tags: r.tags ?? {},
    properties: r.properties,
  };
}

export function roleAssignmentView(ra: ArmRoleAssignment): Record<string, unknown> {
  return { id: ra.id, name: ra.name, type: ra.type, properties: { ...ra.properties } };
}

/** Azure's `$filter` on resource lists: `tagName eq 'k' and tagValue eq 'v'`, `resourceType eq 'T'`, `name eq 'n'`. */
export function parseListFilter(
  filter: string | null,
): { tagName?: string; tagValue?: string; resourceType?: string; name?: string } | { error: string } {
  if (!filter) return {};
  const out: Record<string, string> = {};
  for (const clause of filter.split(/\s+and\s+/i)) {
    const m = /^\s*(tagName|tagValue|resourceType|name)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (!m)
      return {
        error: `Invalid $filter clause '${clause.trim()}'. Supported: tagName eq '…' [and tagValue eq '…'], resourceType eq '…', name eq '…'.`,
      };
    const key =
      m[1].toLowerCase() === 'tagname'
        ? 'tagName'
        : m[1].toLowerCase() === 'tagvalue'
          ? 'tagValue'
          : m[1].toLowerCase() === 'resourcetype'
            ? 'resourceType'
            : 'name';
    out[key] = m[2].replace(/''/g, "'");
  }
  return out;
}

export function matchesFilter(
  item: { name: string; type: string; tags?: Record<string, string> },
  f: { tagName?: string; tagValue?: string; resourceType?: string; name?: string },
): boolean {
  if (f.resourceType && item.type.toLowerCase() !== f.resourceType.toLowerCase()) return false;
  if (f.name && item.name.toLowerCase() !== f.name.toLowerCase()) return false;
  if (f.tagName) {
    const key = Object.keys(item.tags ?? {}).find((k) => k.toLowerCase() === f.tagName!.toLowerCase());
    if (key === undefined) return false;
    if (f.tagValue !== undefined && item.tags![key] !== f.tagValue) return false;
  }
  return true;
}
