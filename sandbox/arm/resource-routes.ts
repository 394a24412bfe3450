import { azureError, json, noContent, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armAuthorizationFailed } from '../authz/sandbox-authz';
import { armHandler, checkApiVersion, type ArmAccess } from './guards';
import { resourceLocationRefused } from './locations';
import { startOperation } from './operations';
import { storedOrImplicit } from './implicit-children';
import { groupNotFound } from './resource-group-routes';
import { idKey, parseResourceId, resourceGroupId, type ParsedResourceId } from './resource-id';
import { armState, isListedResource, type ArmResource } from './store';
import { matchesFilter, parseListFilter, resourceView } from './views';

interface ResourceBody {
  location?: string;
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
  kind?: string;
  sku?: unknown;
  identity?: unknown;
  plan?: unknown;
  managedBy?: string;
}

/**
 * Resource lists come in pages of at most 1,000 with a `nextLink`; a `$top` above 1,000 is refused with
 * InvalidTopInQueryString (https://github.com/Azure/azure-sdk-for-js/issues/18535).
 */
const listPageSize = 1000;

/** Top-level resources only: Azure's lists leave out child resources such as subnets, and extension resources. */
const isTopLevel = isListedResource;

export function resourceNotFound(parsed: ParsedResourceId): SandboxResponse {
  return azureError(
    404,
    'ResourceNotFound',
    `The Resource '${parsed.type}/${parsed.name}' under resource group '${parsed.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** Creates or replaces a resource in the store (HTTP PUT and the `armPutResource` lookup). */
export function putResource(
  ctx: ServiceContext,
  parsed: ParsedResourceId,
  id: string,
  body: ResourceBody,
  apiVersion: string,
): { resource: ArmResource; created: boolean } {
  const state = armState(ctx);
  const key = idKey(id);
  const existing = state.resources[key];
  const group = state.groups[idKey(resourceGroupId(parsed.subscriptionId, parsed.resourceGroup))];
  const now = ctx.clock.now();
  const resource: ArmResource = {
    id:
      existing?.id ??
      `/subscriptions/${parsed.subscriptionId}/resourceGroups/${group?.name ?? parsed.resourceGroup}/providers/${id
        .split(/\/providers\//i)
        .slice(1)
        .join('/providers/')}`,
    name: parsed.name,
    type: parsed.type,
    location:
      body.location?.replace(/\s+/g, '').toLowerCase() ??
      existing?.location ??
      group?.location ??
      ctx.location,
    tags: body.tags ?? (existing ? existing.tags : undefined),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.sku !== undefined ? { sku: body.sku } : {}),
    ...(body.identity !== undefined ? { identity: body.identity } : {}),
    ...(body.plan !== undefined ? { plan: body.plan } : {}),
    ...(body.managedBy !== undefined ? { managedBy: body.managedBy } : {}),
    properties: { ...(body.properties ?? {}), provisioningState: 'Succeeded' },
    subscriptionId: parsed.subscriptionId,
    resourceGroup: group?.name ?? parsed.resourceGroup,
    apiVersion,
    createdAt: existing?.createdAt ?? now,
    changedAt: now,
  };
  state.resources[key] = resource;
  return { resource, created: !existing };
}

export function registerResourceRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const state = () => armState(ctx);
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);

  // Lists show what the caller may read; a caller with no role at all at the list's scope is refused.
  const list = (req: SandboxRequest, inGroup?: string): SandboxResponse => {
    const filter = parseListFilter(req.query.get('$filter'));
    if ('error' in filter) return azureError(400, 'InvalidFilterInQueryString', filter.error);
    const scope = inGroup
      ? resourceGroupId(req.params.subscriptionId, inGroup)
      : `/subscriptions/${req.params.subscriptionId}`;
    if (!ctx.authz.hasAnyAccess(req, scope))
      return armAuthorizationFailed(
        req.caller,
        inGroup
          ? 'Microsoft.Resources/subscriptions/resourceGroups/resources/read'
          : 'Microsoft.Resources/subscriptions/resources/read',
        scope,
        { allowed: false, conditionNotFulfilled: false },
      );
    const topText = req.query.get('$top');
    const top = topText === null ? 0 : Number(topText);
    if (!Number.isInteger(top) || top < 0 || top > listPageSize)
      return azureError(
        400,
        'InvalidTopInQueryString',
        `The value '${topText}' of the $top query parameter is not valid: give a whole number up to ${listPageSize}.`,
      );
    const items = Object.values(state().resources)
      .filter(isTopLevel)
      .filter((r) => r.subscriptionId.toLowerCase() === req.params.subscriptionId.toLowerCase())
      .filter((r) => !inGroup || r.resourceGroup.toLowerCase() === inGroup.toLowerCase())
      .filter((r) => ctx.authz.canSee(req, { action: `${r.type}/read`, scope: r.id }))
      .filter((r) => matchesFilter(r, filter));
    if (top > 0) return json(200, { value: items.slice(0, top).map(resourceView) });
    const skip = Math.max(0, Number(req.query.get('$skiptoken') ?? 0) || 0);
    const page = items.slice(skip, skip + listPageSize);
    const rest = skip + listPageSize < items.length;
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', String(skip + listPageSize));
    return json(200, {
      value: page.map(resourceView),
      ...(rest ? { nextLink: `${req.baseUrl}${req.path}?${next.toString()}` } : {}),
    });
  };

  router.get(
    '/subscriptions/{subscriptionId}/resources',
    'Resources_List',
    h((req) => list(req)),
  );
  router.get(
    '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/resources',
    'Resources_ListByResourceGroup',
    h((req) => {
      if (!state().groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))])
        return groupNotFound(req.params.resourceGroupName);
      return list(req, req.params.resourceGroupName);
    }),
  );

  // Generic resources by id; resolved after every typed route on this endpoint.
  const byId = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{*rest}';
  const onResource =
    (verb: 'read' | 'write' | 'delete'): ArmAccess =>
    (req) => {
      const id = `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/${req.params.rest}`;
      const parsed = parseResourceId(id);
      return parsed ? { action: `${parsed.type}/${verb}`, scope: id } : undefined;
    };
  const resolve = (req: SandboxRequest): { parsed: ParsedResourceId; id: string } | SandboxResponse => {
    const id = `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/${req.params.rest}`;
    const parsed = parseResourceId(id);
    if (!parsed)
      return azureError(
        400,
        'InvalidResourceId',
        `'${id}' is not a valid resource id: expected /subscriptions/S/resourceGroups/G/providers/Namespace/type/name[/type/name…].`,
      );
    const refused = checkApiVersion(req, parsed.namespace, parsed.resourceType);
    if (refused) return refused;
    const group = state().groups[idKey(resourceGroupId(parsed.subscriptionId, parsed.resourceGroup))];
    if (!group) return groupNotFound(parsed.resourceGroup);
    return { parsed, id };
  };

  router.put(
    byId,
    'Resources_CreateOrUpdateById',
    h((req) => {
      const target = resolve(req);
      if ('status' in target) return target;
      const { parsed, id } = target;
      const group = state().groups[idKey(resourceGroupId(parsed.subscriptionId, parsed.resourceGroup))];
      if (group?.properties.provisioningState === 'Deleting') {
        return azureError(
          409,
          'ResourceGroupBeingDeleted',
          `The resource group '${group.name}' is in deprovisioning state and cannot perform this operation.`,
        );
      }
      if (parsed.parentId && !state().resources[idKey(parsed.parentId)]) {
        return azureError(
          404,
          'ParentResourceNotFound',
          `Failed to perform 'write' on resource(s) of type '${parsed.type}', because the parent resource '${parsed.parentId}' could not be found.`,
        );
      }
      const body = req.body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return azureError(
          400,
          'InvalidRequestContent',
          'The request content was invalid and could not be deserialized: expected a JSON object.',
        );
      }
      const location = (body as ResourceBody | undefined)?.location;
      const unavailable =
        typeof location === 'string' ? resourceLocationRefused(location, parsed.type) : undefined;
      if (unavailable) return unavailable;
      const { resource, created } = putResource(
        ctx,
        parsed,
        id,
        (body ?? {}) as ResourceBody,
        req.query.get('api-version') ?? '',
      );
      return json(created ? 201 : 200, resourceView(resource));
    }, onResource('write')),
  );
  router.patch(
    byId,
    'Resources_UpdateById',
    h((req) => {
      const target = resolve(req);
      if ('status' in target) return target;
      const resource = state().resources[idKey(target.id)];
      if (!resource) return resourceNotFound(target.parsed);
      const body = (req.body ?? {}) as ResourceBody;
      if (body.tags !== undefined) resource.tags = body.tags;
      if (body.properties) resource.properties = { ...resource.properties, ...body.properties };
      resource.changedAt = ctx.clock.now();
      return json(200, resourceView(resource));
    }, onResource('write')),
  );
  router.get(
    byId,
    'Resources_GetById',
    h((req) => {
      const target = resolve(req);
      if ('status' in target) return target;
      const resource = storedOrImplicit(state(), target.parsed, target.id);
      return resource ? json(200, resourceView(resource)) : resourceNotFound(target.parsed);
    }, onResource('read')),
  );
  router.head(
    byId,
    'Resources_CheckExistenceById',
    h((req) => {
      const target = resolve(req);
      if ('status' in target) return noContent(target.status);
      return noContent(state().resources[idKey(target.id)] ? 204 : 404);
    }, onResource('read')),
  );
  router.delete(
    byId,
    'Resources_DeleteById',
    h((req) => {
      const target = resolve(req);
      if ('status' in target) return target;
      const resource = state().resources[idKey(target.id)];
      if (!resource) return noContent(204);
      resource.properties.provisioningState = 'Deleting';
      return startOperation(ctx, req, target.parsed.subscriptionId, {
        kind: 'deleteResource',
        id: resource.id,
      });
    }, onResource('delete')),
  );
}
