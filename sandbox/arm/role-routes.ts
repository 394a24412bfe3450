import { azureError, json, noContent, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler } from './guards';
import { idKey, parseResourceId } from './resource-id';
import { armState, type ArmRoleAssignment } from './store';
import { roleGuid } from '../../core/authorization/role-catalogue';
import { roleAssignmentAttribute } from '../authz/condition';
import { builtInRoles, findRole, roleDefinitionView } from './role-definitions';
import { roleAssignmentView } from './views';

const assignmentsRead = 'Microsoft.Authorization/roleAssignments/read';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopeOf = (req: SandboxRequest) =>
  req.params.scope ? `/${req.params.scope.replace(/^\/+|\/+$/g, '')}` : '';

/** Is `inner` the same as or below `outer` (`/subscriptions/s` contains `/subscriptions/s/resourceGroups/g`)? */
const within = (inner: string, outer: string) => {
  const i = idKey(inner);
  const o = idKey(outer);
  return i === o || i.startsWith(`${o}/`) || o === '/';
};

export function registerRoleRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const h = (fn: Parameters<typeof armHandler>[1]) => armHandler(ctx, fn);
  const state = () => armState(ctx);

  /** The scope must exist, as Azure checks before assigning. */
  const checkScope = (scope: string): SandboxResponse | undefined => {
    if (!/^\/subscriptions\/[^/]+/i.test(scope))
      return azureError(
        400,
        'InvalidScope',
        `The scope '${scope}' is not supported by the sandbox: use a subscription, resource group or resource.`,
      );
    const group = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(scope);
    if (group && !state().groups[idKey(group[0])])
      return azureError(404, 'ResourceGroupNotFound', `Resource group '${group[1]}' could not be found.`);
    const parsed = parseResourceId(scope);
    if (parsed && !state().resources[idKey(scope)])
      return azureError(
        404,
        'ResourceNotFound',
        `The Resource '${parsed.type}/${parsed.name}' under resource group '${parsed.resourceGroup}' was not found.`,
      );
    return undefined;
  };

  // Role definitions: the built-ins, at tenant level (any signed-in caller) or any scope (roleDefinitions/read).
  const definitionsRead = (req: SandboxRequest) =>
    scopeOf(req)
      ? ctx.authz.arm(req, { action: 'Microsoft.Authorization/roleDefinitions/read', scope: scopeOf(req) })
      : (ctx.authz.allowAuthenticated(req, 'built-in role definitions are public'), undefined);
  const getDefinition = (req: SandboxRequest) => {
    const denied = definitionsRead(req);
    if (denied) return denied;
    const role = findRole(req.params.roleDefinitionId);
    return role
      ? json(200, roleDefinitionView(role, scopeOf(req)))
      : azureError(
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${req.params.roleDefinitionId}' does not exist.`,
        );
  };
  const listDefinitions = (req: SandboxRequest) => {
    const denied = definitionsRead(req);
    if (denied) return denied;
    const filter = req.query.get('$filter');
    const byName = filter ? /roleName\s+eq\s+'([^']*)'/i.exec(filter)?.[1] : undefined;
    const roles = builtInRoles.filter((r) => !byName || r.roleName.toLowerCase() === byName.toLowerCase());
    return json(200, { value: roles.map((r) => roleDefinitionView(r, scopeOf(req))) });
  };
  router.get(
    '/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}',
    'RoleDefinitions_GetById',
    h(getDefinition),
  );
  router.get(
    '/providers/Microsoft.Authorization/roleDefinitions',
    'RoleDefinitions_List',
    h(listDefinitions),
  );
  router.get(
    '/{*scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}',
    'RoleDefinitions_Get',
    h(getDefinition),
  );
  router.get(
    '/{*scope}/providers/Microsoft.Authorization/roleDefinitions',
    'RoleDefinitions_List',
    h(listDefinitions),
  );

  const assignment = '/{*scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}';
  const idFor = (scope: string, name: string) =>
    `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;

  router.put(
    assignment,
    'RoleAssignments_Create',
    h((req) => {
      const scope = scopeOf(req);
      const name = req.params.roleAssignmentName;
      if (!guid.test(name))
        return azureError(
          400,
          'InvalidRoleAssignmentId',
          `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
        );
      const refused = checkScope(scope);
      if (refused) return refused;
      const props =
        ((req.body ?? {}) as { properties?: Record<string, string | undefined> }).properties ?? {};
      if (!props.roleDefinitionId || !props.principalId) {
        return azureError(
          400,
          'InvalidRoleAssignmentRequest',
          'properties.roleDefinitionId and properties.principalId are required.',
        );
      }
      // ABAC attributes of the request: the role, the principal and its type (given, or as the directory knows it).
      const principalType = props.principalType ?? ctx.lookups.graphPrincipalType?.(props.principalId);
      const denied = ctx.authz.arm(req, {
        action: 'Microsoft.Authorization/roleAssignments/write',
        scope,
        request: {
          [roleAssignmentAttribute('RoleDefinitionId')]: [roleGuid(props.roleDefinitionId)],
          [roleAssignmentAttribute('PrincipalId')]: [props.principalId],
          ...(principalType ? { [roleAssignmentAttribute('PrincipalType')]: [principalType] } : {}),
        },
      });
      if (denied) return denied;
      const role = findRole(props.roleDefinitionId);
      if (!role)
        return azureError(
          400,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${props.roleDefinitionId.split('/').pop()}' does not exist.`,
        );
      // With principalType ARM skips the directory lookup: the documented way around Entra's replication delay.
      if (!props.principalType && !ctx.lookups.graphPrincipalType?.(props.principalId)) {
        return azureError(
          400,
          'PrincipalNotFound',
          `Principal ${props.principalId.replace(/-/g, '')} does not exist in the directory ${ctx.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
        );
      }
      const id = idFor(scope, name);
      const existing = state().roleAssignments[idKey(id)];
      const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1] ?? ctx.subscriptionId;
      const roleDefinitionId = `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;
      const same = (ra: ArmRoleAssignment) =>
        ra.properties.principalId.toLowerCase() === props.principalId!.toLowerCase() &&
        findRole(ra.properties.roleDefinitionId)?.id === role.id &&
        idKey(ra.properties.scope) === idKey(scope);
      if (existing) {
        if (same(existing)) return json(201, roleAssignmentView(existing));
        return azureError(
          400,
          'RoleAssignmentUpdateNotPermitted',
          `Tenant ID, application ID, principal ID, and scope are not allowed to be updated (role assignment ${name}).`,
        );
      }
      const duplicate = Object.values(state().roleAssignments).find(same);
      if (duplicate)
        return azureError(
          409,
          'RoleAssignmentExists',
          `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name}.`,
        );
      const now = new Date(ctx.clock.now()).toISOString();
      const ra: ArmRoleAssignment = {
        id,
        name,
        type: 'Microsoft.Authorization/roleAssignments',
        properties: {
          roleDefinitionId,
          principalId: props.principalId,
          principalType: principalType ?? 'User',
          scope,
          ...(props.description ? { description: props.description } : {}),
          ...(props.condition
            ? { condition: props.condition, conditionVersion: props.conditionVersion ?? '2.0' }
            : {}),
          createdOn: now,
          updatedOn: now,
        },
      };
      state().roleAssignments[idKey(id)] = ra;
      return json(201, roleAssignmentView(ra));
    }),
  );
  router.get(
    assignment,
    'RoleAssignments_Get',
    h((req) => {
      const denied = ctx.authz.arm(req, { action: assignmentsRead, scope: scopeOf(req) });
      if (denied) return denied;
      const ra = state().roleAssignments[idKey(idFor(scopeOf(req), req.params.roleAssignmentName))];
      return ra
        ? json(200, roleAssignmentView(ra))
        : azureError(
            404,
            'RoleAssignmentNotFound',
            `The role assignment '${req.params.roleAssignmentName}' is not found.`,
          );
    }),
  );
  router.delete(
    assignment,
    'RoleAssignments_Delete',
    h((req) => {
      const key = idKey(idFor(scopeOf(req), req.params.roleAssignmentName));
      const ra = state().roleAssignments[key];
      // ABAC attributes of the assignment being removed; none when it does not exist.
      const denied = ctx.authz.arm(req, {
        action: 'Microsoft.Authorization/roleAssignments/delete',
        scope: scopeOf(req),
        resource: ra
          ? {
              [roleAssignmentAttribute('RoleDefinitionId')]: [roleGuid(ra.properties.roleDefinitionId)],
              [roleAssignmentAttribute('PrincipalId')]: [ra.properties.principalId],
              [roleAssignmentAttribute('PrincipalType')]: [ra.properties.principalType],
            }
          : {},
      });
      if (denied) return denied;
      if (!ra) return noContent(204);
      delete state().roleAssignments[key];
      return json(200, roleAssignmentView(ra));
    }),
  );
  router.get(
    '/{*scope}/providers/Microsoft.Authorization/roleAssignments',
    'RoleAssignments_ListForScope',
    h((req) => {
      const scope = scopeOf(req);
      const denied = ctx.authz.arm(req, { action: assignmentsRead, scope });
      if (denied) return denied;
      const filter = req.query.get('$filter') ?? '';
      const atScope = /atScope\(\)/i.test(filter);
      const principal = /(?:principalId\s+eq\s+|assignedTo\()'([^']+)'/i.exec(filter)?.[1]?.toLowerCase();
      const items = Object.values(state().roleAssignments).filter((ra) => {
        const s = ra.properties.scope;
        const aboveOrAt = within(scope, s);
        const below = within(s, scope);
        if (atScope ? !aboveOrAt : !(aboveOrAt || below)) return false;
        return !principal || ra.properties.principalId.toLowerCase() === principal;
      });
      return json(200, { value: items.map(roleAssignmentView) });
    }),
  );
}
