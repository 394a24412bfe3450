// POST …/providers/{namespace}/{type}/{name}[/{type}/{name}…]/{action}: a resource action (restart, regenerateKey,
// runCommand…). ARM authorizes `{type}/{action}/action` at the resource before the provider sees the request, so a
// caller without it gets AuthorizationFailed even for a missing resource; the Activity Log records it from the
// request log (activitylog/operation-name.ts names the same operation).
import { azureError, json, noContent, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, checkApiVersion } from './guards';
import { storedOrImplicit } from './implicit-children';
import { groupNotFound } from './resource-group-routes';
import { findAction } from './resource-actions';
import { idKey, parseResourceId, resourceGroupId, type ParsedResourceId } from './resource-id';
import { resourceNotFound } from './resource-routes';
import { armState } from './store';

interface ActionTarget {
  parsed: ParsedResourceId;
  id: string;
  action: string;
}

/** The resource and action a POST names; undefined when the path is a resource id, not an action on one. */
function actionTarget(req: SandboxRequest): ActionTarget | undefined {
  const path = `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/${req.params.rest}`;
  const at = path.lastIndexOf('/');
  const id = path.slice(0, at);
  const parsed = parseResourceId(id);
  return parsed ? { parsed, id, action: path.slice(at + 1) } : undefined;
}

export function registerActionRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  router.post(
    '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{*rest}',
    'Resources_InvokeAction',
    armHandler(
      ctx,
      (req) => {
        const target = actionTarget(req);
        if (!target)
          return azureError(
            400,
            'InvalidResourceId',
            `'${req.path}' names no action on a resource: expected …/providers/Namespace/type/name[/type/name…]/action.`,
          );
        const { parsed, id, action } = target;
        const refused = checkApiVersion(req, parsed.namespace, parsed.resourceType);
        if (refused) return refused;
        const state = armState(ctx);
        if (!state.groups[idKey(resourceGroupId(parsed.subscriptionId, parsed.resourceGroup))])
          return groupNotFound(parsed.resourceGroup);
        const resource = storedOrImplicit(state, parsed, id);
        if (!resource) return resourceNotFound(parsed);
        const handler = findAction(parsed.type, action);
        if (!handler)
          // The sandbox performs only the actions it models; pretending any other succeeded would hide a gap.
          return azureError(
            400,
            'InvalidResourceType',
            `The sandbox does not model the action '${action}' on resource type '${parsed.type}' (sandbox/arm/resource-actions.ts).`,
          );
        const answer = handler(ctx, resource, req.body);
        return answer.body === undefined ? noContent(answer.status) : json(answer.status, answer.body);
      },
      (req) => {
        const target = actionTarget(req);
        return target
          ? { action: `${target.parsed.type}/${target.action}/action`, scope: target.id }
          : undefined;
      },
    ),
  );
}
