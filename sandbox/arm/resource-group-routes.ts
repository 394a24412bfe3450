import { armAuthorizationFailed } from '../authz/sandbox-authz';
import { azureError, json, noContent, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, type ArmAccess } from './guards';
import { startOperation } from './operations';
import { idKey, resourceGroupId } from './resource-id';
import { armState } from './store';
import { resourceGroupLocationRefused } from './locations';
import { groupView, matchesFilter, parseListFilter } from './views';

const validName = /^[-\w._()]{1,90}$/;
const groupRead = 'Microsoft.Resources/subscriptions/resourceGroups/read';
const groupWrite = 'Microsoft.Resources/subscriptions/resourceGroups/write';
const groupDelete = 'Microsoft.Resources/subscriptions/resourceGroups/delete';

export function groupNotFound(name: string) {
  return azureError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
}

export function registerResourceGroupRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const state = () => armState(ctx);
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);

  // ARM lists the subscriptions the caller has any role in (at any scope inside); none before a role has propagated
  // is `az login`'s "No subscriptions found".
  router.get(
    '/subscriptions',
    'Subscriptions_List',
    h((req) => {
      const visible = [ctx.subscriptions.target, ctx.subscriptions.platform]
        .filter((id, i, all) => all.indexOf(id) === i)
        .filter((id) => ctx.authz.hasAnyAccess(req, `/subscriptions/${id}`));
      return json(200, {
        value: visible.map((id) => subscriptionView(ctx, id)),
        count: { type: 'Total', value: visible.length },
      });
    }),
  );
  router.get(
    '/subscriptions/{subscriptionId}',
    'Subscriptions_Get',
    h((req) => {
      const scope = `/subscriptions/${req.params.subscriptionId}`;
      if (!ctx.authz.hasAnyAccess(req, scope))
        return armAuthorizationFailed(req.caller, 'Microsoft.Resources/subscriptions/read', scope, {
          allowed: false,
          conditionNotFulfilled: false,
        });
      return json(200, subscriptionView(ctx, req.params.subscriptionId));
    }),
  );

  router.get(
    '/subscriptions/{subscriptionId}/resourcegroups',
    'ResourceGroups_List',
    h((req) => {
      const filter = parseListFilter(req.query.get('$filter'));
      if ('error' in filter) return azureError(400, 'InvalidFilterInQueryString', filter.error);
      const scope = `/subscriptions/${req.params.subscriptionId}`;
      if (!ctx.authz.hasAnyAccess(req, scope))
        return armAuthorizationFailed(req.caller, groupRead, scope, {
          allowed: false,
          conditionNotFulfilled: false,
        });
      const top = Number(req.query.get('$top') ?? 0);
      let groups = Object.values(state().groups)
        .filter((g) => g.subscriptionId.toLowerCase() === req.params.subscriptionId.toLowerCase())
        .filter((g) => ctx.authz.canSee(req, { action: groupRead, scope: g.id }))
        .filter((g) => matchesFilter(g, filter));
      if (top > 0) groups = groups.slice(0, top);
      return json(200, { value: groups.map(groupView) });
    }),
  );

  const rg = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
  const at = (action: string) => (req: SandboxRequest) => ({
    action,
    scope: resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName),
  });
  router.put(
    rg,
    'ResourceGroups_CreateOrUpdate',
    h((req) => {
      const { subscriptionId, resourceGroupName: name } = req.params;
      if (!validName.test(name) || name.endsWith('.')) {
        return azureError(
          400,
          'InvalidResourceGroupName',
          `Resource group name '${name}' is invalid: up to 90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.`,
        );
      }
      const body = (req.body ?? {}) as {
        location?: string;
        tags?: Record<string, string>;
        managedBy?: string;
      };
      if (!body.location)
        return azureError(400, 'LocationRequired', 'The location property is required for this definition.');
      const unavailable = resourceGroupLocationRefused(body.location);
      if (unavailable) return unavailable;
      const id = resourceGroupId(subscriptionId, name);
      const existing = state().groups[idKey(id)];
      const now = ctx.clock.now();
      if (existing) {
        if (existing.properties.provisioningState === 'Deleting') {
          return azureError(
            409,
            'ResourceGroupBeingDeleted',
            `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`,
          );
        }
        if (existing.location.toLowerCase() !== normaliseLocation(body.location)) {
          return azureError(
            409,
            'InvalidResourceGroupLocation',
            `Invalid resource group location '${body.location}'. The Resource group already exists in location '${existing.location}'.`,
          );
        }
        if (body.tags !== undefined) existing.tags = body.tags;
        existing.changedAt = now;
        return json(200, groupView(existing));
      }
      const group = {
        id,
        name,
        type: 'Microsoft.Resources/resourceGroups' as const,
        location: normaliseLocation(body.location),
        ...(body.tags ? { tags: body.tags } : {}),
        ...(body.managedBy ? { managedBy: body.managedBy } : {}),
        properties: { provisioningState: 'Succeeded' },
        subscriptionId,
        createdAt: now,
        changedAt: now,
      };
      state().groups[idKey(id)] = group;
      return json(201, groupView(group));
    }, at(groupWrite)),
  );
  router.get(
    rg,
    'ResourceGroups_Get',
    h((req) => {
      const group =
        state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))];
      return group ? json(200, groupView(group)) : groupNotFound(req.params.resourceGroupName);
    }, at(groupRead)),
  );
  router.head(
    rg,
    'ResourceGroups_CheckExistence',
    h(
      (req) =>
        noContent(
          state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))]
            ? 204
            : 404,
        ),
      at(groupRead),
    ),
  );
  router.patch(
    rg,
    'ResourceGroups_Update',
    h((req) => {
      const group =
        state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))];
      if (!group) return groupNotFound(req.params.resourceGroupName);
      const body = (req.body ?? {}) as { tags?: Record<string, string>; managedBy?: string };
      if (body.tags !== undefined) group.tags = body.tags;
      group.changedAt = ctx.clock.now();
      return json(200, groupView(group));
    }, at(groupWrite)),
  );
  router.delete(
    rg,
    'ResourceGroups_Delete',
    h((req) => {
      const group =
        state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))];
      if (!group) return groupNotFound(req.params.resourceGroupName);
      group.properties.provisioningState = 'Deleting';
      return startOperation(ctx, req, req.params.subscriptionId, { kind: 'deleteGroup', id: group.id });
    }, at(groupDelete)),
  );
}

export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

function subscriptionView(ctx: ServiceContext, subscriptionId: string): Record<string, unknown> {
  const platform =
    subscriptionId.toLowerCase() === ctx.subscriptions.platform.toLowerCase() &&
    ctx.subscriptions.platform !== ctx.subscriptions.target;
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    tenantId: ctx.tenantId,
    displayName: platform ? 'HayMaker Sandbox (platform)' : 'HayMaker Sandbox',
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
  };
}
