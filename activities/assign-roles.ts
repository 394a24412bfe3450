// The scenario principal's roles, at the scenario's own resource groups only (never the subscription). The
// orchestrator may assign nothing else: its role assignment condition (core/authorization/identities.json) makes Azure refuse any
// other role or principal type, and this check refuses it before asking. Deterministic assignment names make a retry
// or rewind a no-op.
import { SCENARIO_ASSIGNABLE_ROLES } from '../core/authorization/scenario-grants';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

const ASSIGNABLE = new Set<string>(SCENARIO_ASSIGNABLE_ROLES);

export function createAssignRoles(
  deps: Pick<Dependencies, 'settings' | 'roleAssignments'>,
): ActivityHandler<'assignRoles'> {
  return async (input) => {
    if (!('grants' in input))
      throw new Error(
        `refusing to assign ${input.roles.join(', ')} at subscription scope: this run started before scenario principals got roles only at their own resource groups; start a new run`,
      );
    const { servicePrincipalId, grants } = input;
    const refused = grants.roles.filter((r) => !ASSIGNABLE.has(r));
    if (refused.length > 0)
      throw new Error(
        `refusing to assign ${refused.join(', ')}: a scenario principal gets at most ${SCENARIO_ASSIGNABLE_ROLES.join(', ')}, at its own resource groups`,
      );
    if (grants.resourceGroups.length === 0)
      throw new Error('the scenario has no resource group to assign its roles at');
    const roleAssignmentIds: string[] = [];
    for (const group of grants.resourceGroups) {
      const scope = `/subscriptions/${deps.settings.subscriptionId}/resourceGroups/${group}`;
      for (const role of grants.roles) {
        const assignment = await deps.roleAssignments.ensure({
          scope,
          principalId: servicePrincipalId,
          role,
        });
        roleAssignmentIds.push(assignment.id);
      }
    }
    return { roleAssignmentIds };
  };
}
