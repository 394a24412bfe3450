// Turns the committed source snapshot (`az role definition list` output, core/authorization/roles/source/) into the
// catalogue HayMaker reads (core/authorization/roles/built-in-roles.json). Pure, so the catalogue test re-derives the
// catalogue from the snapshot and fails on any hand edit of either file.
import { z } from 'zod';
import type { RoleCatalogue, RoleDefinition, RolePermission } from './role-catalogue';

const snapshotPermission = z.object({
  actions: z.array(z.string()),
  notActions: z.array(z.string()),
  dataActions: z.array(z.string()),
  notDataActions: z.array(z.string()),
  condition: z.string().nullable().optional(),
  conditionVersion: z.string().nullable().optional(),
});

const snapshotRole = z.object({
  name: z.string(),
  roleName: z.string(),
  roleType: z.string(),
  description: z.string().nullable().optional(),
  permissions: z.array(snapshotPermission),
});

export const roleSnapshotSchema = z.array(snapshotRole);

export interface CatalogueSourceInfo {
  /** Path of the snapshot inside the repository. */
  snapshot: string;
  /** Where the snapshot was taken from (URL with commit). */
  origin: string;
  /** What produced it at the origin. */
  producedBy: string;
}

function permission(p: z.infer<typeof snapshotPermission>): RolePermission {
  return {
    actions: p.actions,
    notActions: p.notActions,
    dataActions: p.dataActions,
    notDataActions: p.notDataActions,
    ...(p.condition ? { condition: p.condition, conditionVersion: p.conditionVersion ?? '2.0' } : {}),
  };
}

/** Built-in roles only (the snapshot's subscription also listed two custom roles), sorted by name. */
export function catalogueFromSnapshot(snapshot: unknown, source: CatalogueSourceInfo): RoleCatalogue {
  const roles: RoleDefinition[] = roleSnapshotSchema
    .parse(snapshot)
    .filter((r) => r.roleType === 'BuiltInRole')
    .map((r) => ({
      id: r.name.toLowerCase(),
      roleName: r.roleName,
      description: r.description ?? '',
      permissions: r.permissions.map(permission),
    }))
    .sort((a, b) => (a.roleName < b.roleName ? -1 : a.roleName > b.roleName ? 1 : 0));
  const ids: Record<string, string> = {};
  for (const role of roles) ids[role.roleName] = role.id;
  return { source, ids, roles };
}

/**
 * One role per line: a reviewable diff when the snapshot is refreshed, and well under the 1,048,576
 * characters Bicep's loadJsonContent accepts.
 */
export function formatCatalogue(catalogue: RoleCatalogue): string {
  const idLines = Object.entries(catalogue.ids).map(([name, id]) => `    ${JSON.stringify(name)}: "${id}"`);
  const roleLines = catalogue.roles.map((role) => `    ${JSON.stringify(role)}`);
  return [
    '{',
    `  "source": ${JSON.stringify(catalogue.source)},`,
    '  "ids": {',
    idLines.join(',\n'),
    '  },',
    '  "roles": [',
    roleLines.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
