import { azureError, json, noContent } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler } from './guards';
import { startOperation } from './operations';
import { idKey, resourceGroupId } from './resource-id';
import { armState } from './store';
import { groupView, matchesFilter, parseListFilter } from './views';

const validName = /^[-\w._()]{1,90}$/;

export function groupNotFound(name: string) {
  return azureError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
}

export function registerResourceGroupRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const state = () => armState(ctx);
  const h = (fn: Parameters<typeof armHandler>[1]) => armHandler(ctx, fn);

  router.get(
    '/subscriptions',
    'Subscriptions_List',
    h(() => json(200, { value: [subscriptionView(ctx)], count: { type: 'Total', value: 1 } })),
  );
  router.get(
    '/subscriptions/{subscriptionId}',
    'Subscriptions_Get',
    h(() => json(200, subscriptionView(ctx))),
  );

  router.get(
    '/subscriptions/{subscriptionId}/resourcegroups',
    'ResourceGroups_List',
    h((req) => {
      const filter = parseListFilter(req.query.get('$filter'));
      if ('error' in filter) return azureError(400, 'InvalidFilterInQueryString', filter.error);
      const top = Number(req.query.get('$top') ?? 0);
      let groups = Object.values(state().groups).filter((g) => matchesFilter(g, filter));
      if (top > 0) groups = groups.slice(0, top);
      return json(200, { value: groups.map(groupView) });
    }),
  );

  const rg = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
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
    }),
  );
  router.get(
    rg,
    'ResourceGroups_Get',
    h((req) => {
      const group =
        state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))];
      return group ? json(200, groupView(group)) : groupNotFound(req.params.resourceGroupName);
    }),
  );
  router.head(
    rg,
    'ResourceGroups_CheckExistence',
    h((req) =>
      noContent(
        state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))]
          ? 204
          : 404,
      ),
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
    }),
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
    }),
  );
}

export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

function subscriptionView(ctx: ServiceContext): Record<string, unknown> {
  return {
    id: `/subscriptions/${ctx.subscriptionId}`,
    subscriptionId: ctx.subscriptionId,
    tenantId: ctx.tenantId,
    displayName: 'HayMaker Sandbox',
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
  };
}
