// What HayMaker can grant a scenario principal, and why it refuses the rest (scenarios/AUTHORING.md "Grants").
//
// The grant model: the orchestrator creates the scenario's resource groups and assigns the scenario's declared roles
// at those groups only, to the scenario's own service principal. It may assign exactly SCENARIO_ASSIGNABLE_ROLES, to
// service principals only: its own role assignment condition in core/authorization/identities.json says so and Azure enforces it.
// None of these roles can write role assignments. HayMaker never gives a scenario principal a role-assignment right,
// not even a conditioned one: an identity that may assign Role Based Access Control Administrator "with a condition"
// may just as well assign it without one (Azure's conditions on role assignment writes see the role, the principal
// and its type, never the condition of the new assignment), so a compromised orchestrator would become Owner of the
// subscription. Nor does it grant Microsoft Graph application permissions: that takes AppRoleAssignment.ReadWrite.All,
// which lets its holder grant any permission (RoleManagement.ReadWrite.Directory included) to any principal.
// Scenarios that need either are refused at selection, with these reasons in the report.
import { roleAllowsAction } from './action-match';
import type { ScenarioGrantNeeds } from '../scenario/selection';
import { findRoleByName, roleIdOf, type RoleDefinition } from './role-catalogue';

export type { ScenarioGrantNeeds } from '../scenario/selection';

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/** Roles the orchestrator may assign to a scenario principal, at the scenario's own resource groups. */
export const SCENARIO_ASSIGNABLE_ROLES = ['Contributor', 'Reader', 'Resource Policy Contributor'] as const;

/** True for a role whose permissions include writing role assignments (Owner, User Access Administrator, RBAC Administrator, …). */
export function canWriteRoleAssignments(role: RoleDefinition): boolean {
  return roleAllowsAction(role, ROLE_ASSIGNMENT_WRITE);
}

/** Why HayMaker cannot give a scenario what it needs; empty when it can. */
export function grantRefusals(needs: ScenarioGrantNeeds): string[] {
  const reasons: string[] = [];
  const assignable = new Set(SCENARIO_ASSIGNABLE_ROLES.map((r) => r.toLowerCase()));
  for (const name of needs.roles) {
    const role = findRoleByName(name);
    if (!role) reasons.push(`role '${name}' is not an Azure built-in role`);
    else if (canWriteRoleAssignments(role))
      reasons.push(
        `role '${role.roleName}' can write role assignments; no scenario principal ever holds one (it could escalate beyond its scenario)`,
      );
    else if (!assignable.has(role.roleName.toLowerCase()))
      reasons.push(
        `role '${role.roleName}' is not one HayMaker's orchestrator may assign (it may assign ${SCENARIO_ASSIGNABLE_ROLES.join(', ')})`,
      );
  }
  if (needs.roleAssignments && needs.roleAssignments.roles.length > 0)
    reasons.push(
      `its steps assign roles (${needs.roleAssignments.roles.join(', ')} to ${needs.roleAssignments.principalTypes.join(', ')}); ` +
        'that needs a role-assignment right, and HayMaker gives none to a scenario principal: only an identity allowed to ' +
        'assign Role Based Access Control Administrator could, and that identity could assign it without a condition too',
    );
  if (needs.graphPermissions.length > 0)
    reasons.push(
      `it needs the Microsoft Graph application permission(s) ${needs.graphPermissions.join(', ')}; granting one takes ` +
        'AppRoleAssignment.ReadWrite.All, which HayMaker does not hold (it would let HayMaker grant any permission to any principal)',
    );
  return reasons;
}

/**
 * The ABAC condition on the orchestrator's Role Based Access Control Administrator assignment: it may write and delete
 * only assignments of `roleNames` to service principals.
 * Shape of Microsoft's example "Constrain roles and principal types":
 * https://learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-examples
 */
export function orchestratorAssignCondition(
  roleNames: readonly string[] = SCENARIO_ASSIGNABLE_ROLES,
): string {
  const ids = roleNames.map(roleIdOf).join(', ');
  const branch = (action: 'write' | 'delete', source: 'Request' | 'Resource') =>
    `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/${action}'})) OR ` +
    `(@${source}[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}} AND ` +
    `@${source}[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}))`;
  return `${branch('write', 'Request')} AND ${branch('delete', 'Resource')}`;
}
