// Built-in role definitions as ARM serves them: every role of the catalogue (core/authorization/roles/built-in-roles.json).
import { findRoleById, roleCatalogue, type RoleDefinition } from '../../core/authorization/role-catalogue';

export type BuiltInRole = RoleDefinition;

export const builtInRoles: readonly BuiltInRole[] = roleCatalogue.roles;

export function findRole(idOrDefinitionId: string): BuiltInRole | undefined {
  return findRoleById(idOrDefinitionId);
}

/** The wire shape; `scope` ('' for tenant level) prefixes the id as Azure does for scoped reads. */
export function roleDefinitionView(role: BuiltInRole, scope: string): Record<string, unknown> {
  const now = '2015-02-02T21:55:09.8806423Z';
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    name: role.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: role.permissions,
      createdOn: now,
      updatedOn: now,
    },
  };
}
