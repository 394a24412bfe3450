// The grant model (core/authorization/scenario-grants.ts): what the orchestrator may assign to scenario principals is
// what its own condition in core/authorization/identities.json lets Azure accept, and nothing that can itself assign roles.
import { grantsOf, graphPermissionsOf } from '../../core/authorization/identities-table';
import { findRoleByName, roleCatalogue } from '../../core/authorization/role-catalogue';
import {
  canWriteRoleAssignments,
  grantRefusals,
  orchestratorAssignCondition,
  SCENARIO_ASSIGNABLE_ROLES,
} from '../../core/authorization/scenario-grants';
import { actionPatternMatches } from '../../core/authorization/action-match';

describe('scenario grant model', () => {
  it("the orchestrator's role assignment condition in the table allows exactly the scenario-assignable roles, to service principals", () => {
    const rbac = grantsOf('orchestrator').filter((g) => g.role === 'Role Based Access Control Administrator');
    expect(rbac).toHaveLength(1);
    expect(rbac[0]!.scope).toBe('targetSubscription');
    expect(rbac[0]!.condition).toBe(orchestratorAssignCondition());
    for (const role of SCENARIO_ASSIGNABLE_ROLES)
      expect(rbac[0]!.condition).toContain(findRoleByName(role)!.id);
    expect(rbac[0]!.condition).toContain("StringEqualsIgnoreCase {'ServicePrincipal'}");
  });

  it('no assignable role can write role assignments; Owner, User Access Administrator and RBAC Administrator can', () => {
    for (const role of SCENARIO_ASSIGNABLE_ROLES)
      expect(canWriteRoleAssignments(findRoleByName(role)!)).toBe(false);
    for (const role of ['Owner', 'User Access Administrator', 'Role Based Access Control Administrator'])
      expect(canWriteRoleAssignments(findRoleByName(role)!)).toBe(true);
    // Contributor's '*' is cut by its notActions 'Microsoft.Authorization/*/Write'.
    expect(
      actionPatternMatches(
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/roleAssignments/write',
      ),
    ).toBe(true);
    const writers = roleCatalogue.roles.filter(canWriteRoleAssignments).map((r) => r.roleName);
    expect(writers.length).toBeGreaterThan(3);
    expect(writers).not.toContain('Contributor');
  });

  it('the orchestrator can start the agent job where it lives and read deleted items to verify a purge', () => {
    expect(grantsOf('orchestrator').find((g) => g.scope === 'agentJob')?.role).toBe(
      'Container Apps Jobs Operator',
    );
    expect(graphPermissionsOf('orchestrator')).toEqual(
      expect.arrayContaining(['Application.ReadWrite.OwnedBy', 'Application.Read.All']),
    );
    expect(graphPermissionsOf('orchestrator')).not.toContain('AppRoleAssignment.ReadWrite.All');
  });

  it('grants a plain Contributor scenario and refuses the rest with reasons', () => {
    expect(grantRefusals({ roles: ['Contributor'], graphPermissions: [] })).toEqual([]);
    expect(
      grantRefusals({ roles: ['Contributor', 'Resource Policy Contributor'], graphPermissions: [] }),
    ).toEqual([]);
    expect(grantRefusals({ roles: ['User Access Administrator'], graphPermissions: [] })[0]).toMatch(
      /can write role assignments/,
    );
    expect(grantRefusals({ roles: ['Key Vault Administrator'], graphPermissions: [] })[0]).toMatch(
      /not one HayMaker's orchestrator may assign/,
    );
    expect(grantRefusals({ roles: ['Contributer'], graphPermissions: [] })[0]).toMatch(
      /not an Azure built-in role/,
    );
    expect(
      grantRefusals({
        roles: ['Contributor'],
        roleAssignments: { roles: ['AcrPull'], principalTypes: ['ServicePrincipal'] },
        graphPermissions: [],
      })[0],
    ).toMatch(/its steps assign roles \(AcrPull to ServicePrincipal\)/);
    expect(
      grantRefusals({ roles: ['Contributor'], graphPermissions: ['Application.ReadWrite.OwnedBy'] })[0],
    ).toMatch(/AppRoleAssignment\.ReadWrite\.All/);
  });
});
