// Seeds exactly the grants of core/authorization/identities.json (ARM role assignments at the scopes its symbols stand for, and
// Microsoft Graph application permissions), plus the tenant administrator's (the deployer: Owner on both
// subscriptions, data roles on the platform's vault and bus, Graph application and app-role administration).
// Idempotent: seeded assignments carry `createdBy: sandbox-seed` and are replaced as the table changes.
import { createHash } from 'node:crypto';
import { identitiesTable, type IdentitiesTable } from '../../core/authorization/identities-table';
import { roleIdOf } from '../../core/authorization/role-catalogue';
import type { ServiceContext } from '../core/service';
import { armState, type ArmRoleAssignment } from '../arm/store';
import { idKey } from '../arm/resource-id';
import type { BuiltinPrincipal, BuiltinPrincipalName } from '../entra/builtin-principals';
import { graphServicePrincipalId } from '../entra/builtin-principals';
import { graphAppRoleByValue } from '../entra/graph-app-roles';
import { directoryState } from '../graph/directory-store';
import type { PlatformResources } from '../platform';

export const SEEDED_BY = 'sandbox-seed';

/** A GUID derived from its parts, like Bicep's guid(): the same grant always gets the same assignment name. */
export function stableGuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('|').toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Grant {
  principal: BuiltinPrincipal;
  role: string;
  scope: string;
  condition?: string;
}

/** The tenant administrator's grants: what the person running `azd up` holds. */
function adminGrants(admin: BuiltinPrincipal, platform: PlatformResources): Grant[] {
  const platformSubscription = platform.scopes.keyVault.split('/resourceGroups/')[0];
  return [
    { principal: admin, role: 'Owner', scope: platform.scopes.targetSubscription },
    { principal: admin, role: 'Owner', scope: platformSubscription },
    { principal: admin, role: 'Key Vault Administrator', scope: platform.scopes.keyVault },
    { principal: admin, role: 'Azure Service Bus Data Owner', scope: platform.scopes.serviceBus },
  ];
}

export function tableGrants(
  table: IdentitiesTable,
  principals: Record<BuiltinPrincipalName, BuiltinPrincipal>,
  platform: PlatformResources,
): Grant[] {
  return table.roleAssignments.flatMap((g) => {
    const principal =
      g.identity === 'orchestrator' || g.identity === 'agent' ? principals[g.identity] : undefined;
    const scope = platform.scopes[g.scope];
    if (!principal || !scope) return [];
    return [{ principal, role: g.role, scope, ...(g.condition ? { condition: g.condition } : {}) }];
  });
}

export function seedGrants(
  ctx: ServiceContext,
  principals: Record<BuiltinPrincipalName, BuiltinPrincipal>,
  platform: PlatformResources,
  table: IdentitiesTable = identitiesTable,
): void {
  const arm = armState(ctx);
  for (const [key, ra] of Object.entries(arm.roleAssignments))
    if (ra.properties.createdBy === SEEDED_BY) delete arm.roleAssignments[key];
  const seededOn = new Date(0).toISOString();
  for (const grant of [
    ...tableGrants(table, principals, platform),
    ...adminGrants(principals.admin, platform),
  ]) {
    const roleId = roleIdOf(grant.role);
    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(grant.scope)?.[1] ?? ctx.subscriptionId;
    const name = stableGuid(grant.scope, grant.principal.objectId, roleId);
    const id = `${grant.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const ra: ArmRoleAssignment = {
      id,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
        principalId: grant.principal.objectId,
        principalType: 'ServicePrincipal',
        scope: grant.scope,
        ...(grant.condition ? { condition: grant.condition, conditionVersion: '2.0' } : {}),
        createdOn: seededOn,
        updatedOn: seededOn,
        createdBy: SEEDED_BY,
      },
    };
    arm.roleAssignments[idKey(id)] = ra;
  }

  const directory = directoryState(ctx);
  const graphSp = graphServicePrincipalId(ctx);
  if (!graphSp) throw new Error('could not seed Graph permissions: Microsoft Graph has no service principal');
  for (const id of Object.keys(directory.appRoleAssignments))
    if (id.startsWith('seed-')) delete directory.appRoleAssignments[id];
  const graphGrants = [
    ...table.graphAppPermissions.flatMap((p) =>
      p.identity === 'orchestrator' || p.identity === 'agent'
        ? [{ principal: principals[p.identity], permission: p.permission }]
        : [],
    ),
    { principal: principals.admin, permission: 'Application.ReadWrite.All' },
    { principal: principals.admin, permission: 'AppRoleAssignment.ReadWrite.All' },
  ];
  for (const { principal, permission } of graphGrants) {
    const role = graphAppRoleByValue(permission);
    if (!role)
      throw new Error(
        `could not seed Graph permission ${permission}: not in sandbox/entra/graph-app-roles.ts`,
      );
    const id = `seed-${stableGuid(principal.objectId, role.id)}`;
    directory.appRoleAssignments[id] = {
      id,
      appRoleId: role.id,
      createdDateTime: seededOn,
      deletedDateTime: null,
      principalDisplayName: principal.displayName,
      principalId: principal.objectId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: graphSp,
    };
  }
}
