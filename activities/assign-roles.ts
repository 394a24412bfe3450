// Subscription-scope roles for the scenario principal; deterministic assignment names make a retry a no-op.
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

const ALLOWED_ROLES = new Set(['Contributor', 'User Access Administrator', 'Reader']);

export function createAssignRoles(
  deps: Pick<Dependencies, 'settings' | 'roleAssignments'>,
): ActivityHandler<'assignRoles'> {
  return async ({ servicePrincipalId, roles }) => {
    const refused = roles.filter((r) => !ALLOWED_ROLES.has(r));
    if (refused.length > 0) {
      throw new Error(
        `refusing to assign ${refused.join(', ')}: scenario principals get at most Contributor and User Access Administrator`,
      );
    }
    const scope = `/subscriptions/${deps.settings.subscriptionId}`;
    const roleAssignmentIds: string[] = [];
    for (const role of roles) {
      const assignment = await deps.roleAssignments.ensure({ scope, principalId: servicePrincipalId, role });
      roleAssignmentIds.push(assignment.id);
    }
    return { roleAssignmentIds };
  };
}
