// Azure's built-in role definitions, as committed in core/authorization/roles/built-in-roles.json (derived from the source
// snapshot in core/authorization/roles/source/, see SOURCES.md there). Bicep reads the same file's `ids` with
// loadJsonContent, so a role id HayMaker uses anywhere comes from here, never from memory.
import catalogueJson from './roles/built-in-roles.json';

export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** Some built-in roles carry an ABAC condition on their own permissions (e.g. Key Vault Data Access Administrator). */
  condition?: string;
  conditionVersion?: string;
}

export interface RoleDefinition {
  /** The role definition's GUID (lower case), the same in every tenant. */
  id: string;
  roleName: string;
  description: string;
  permissions: RolePermission[];
}

export interface RoleCatalogue {
  source: { snapshot: string; origin: string; producedBy: string };
  /** roleName → id: what Bicep loads (`loadJsonContent(…, '$.ids')`). */
  ids: Record<string, string>;
  roles: RoleDefinition[];
}

export const roleCatalogue = catalogueJson as unknown as RoleCatalogue;

const byId = new Map(roleCatalogue.roles.map((r) => [r.id, r]));
const byName = new Map(roleCatalogue.roles.map((r) => [r.roleName.toLowerCase(), r]));

/** The GUID at the end of a role definition id (`/subscriptions/…/roleDefinitions/<guid>`), lower case. */
export function roleGuid(idOrDefinitionId: string): string {
  return (idOrDefinitionId.split('/').pop() ?? '').toLowerCase();
}

/** A built-in role by GUID or full role definition id; undefined when Azure has no such role. */
export function findRoleById(idOrDefinitionId: string): RoleDefinition | undefined {
  return byId.get(roleGuid(idOrDefinitionId));
}

/** A built-in role by its name, case-insensitive as `az role assignment create --role` matches it. */
export function findRoleByName(roleName: string): RoleDefinition | undefined {
  return byName.get(roleName.toLowerCase());
}

/** The id of a built-in role named in code; throws on a name Azure does not have (a typo is a defect). */
export function roleIdOf(roleName: string): string {
  const role = findRoleByName(roleName);
  if (!role)
    throw new Error(
      `'${roleName}' is not an Azure built-in role (core/authorization/roles/built-in-roles.json); check the spelling against the catalogue`,
    );
  return role.id;
}
