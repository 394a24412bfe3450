import type { AccessRequest } from '../authz/engine';
import { armAuthorizationFailed } from '../authz/sandbox-authz';
import { azureError, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { Handler } from '../core/router';
import type { ServiceContext } from '../core/service';
import { catalogVersions } from './catalog';
import { settleOperations } from './store';

export const sandboxLocations = [
  'eastus',
  'eastus2',
  'westus',
  'westus2',
  'westeurope',
  'northeurope',
  'uksouth',
  'swedencentral',
];

/** The RBAC check of one ARM route: the action it performs and the scope, from the request. */
export type ArmAccess = (req: SandboxRequest) => AccessRequest | undefined;

/**
 * Every ARM call: finish due operations, require api-version, refuse unknown subscriptions, then (when `access`
 * is given) authorize the route's action at its scope before the handler runs, as ARM does before it looks at the
 * resource. Routes without `access` authorize inside the handler (lists filter what the caller may read).
 */
export function armHandler(ctx: ServiceContext, handler: Handler, access?: ArmAccess): Handler {
  return (req) => {
    settleOperations(ctx);
    if (!req.query.get('api-version')) {
      return azureError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    }
    const sub =
      req.params.subscriptionId ??
      /^\/subscriptions\/([^/]+)/i.exec(
        req.params.scope ? `/${req.params.scope.replace(/^\/+/, '')}` : req.path,
      )?.[1];
    if (sub !== undefined && !isSandboxSubscription(ctx, sub)) {
      return azureError(
        404,
        'SubscriptionNotFound',
        `The subscription '${sub}' could not be found. The sandbox serves subscriptions '${ctx.subscriptions.target}' (target) and '${ctx.subscriptions.platform}' (platform).`,
      );
    }
    const request = access?.(req);
    if (request) {
      const denied = ctx.authz.arm(req, request);
      if (denied) return denied;
    }
    return handler(req);
  };
}

export function isSandboxSubscription(ctx: ServiceContext, subscriptionId: string): boolean {
  const id = subscriptionId.toLowerCase();
  return id === ctx.subscriptions.target.toLowerCase() || id === ctx.subscriptions.platform.toLowerCase();
}

/** Azure's refusal of an api-version a catalogued type does not support. */
export function checkApiVersion(
  req: SandboxRequest,
  namespace: string,
  resourceType: string,
): SandboxResponse | undefined {
  const versions = catalogVersions(namespace, resourceType);
  const asked = req.query.get('api-version') ?? '';
  if (!versions || versions.some((v) => v.toLowerCase() === asked.toLowerCase())) return undefined;
  return azureError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location 'eastus' and API version '${asked}' for type '${resourceType}'. The supported api-versions are '${versions.join(', ')}'. The supported locations are '${sandboxLocations.join(', ')}'.`,
  );
}

/**
 * Reads ARM answers to anyone with a role somewhere in the subscription (providers, locations): 403 with `action`
 * for a caller with none.
 */
export function withinSubscription(ctx: ServiceContext, action: string, handler: Handler): Handler {
  return (req) => {
    const scope = `/subscriptions/${req.params.subscriptionId}`;
    if (!ctx.authz.hasAnyAccess(req, scope))
      return armAuthorizationFailed(req.caller, action, scope, {
        allowed: false,
        conditionNotFulfilled: false,
      });
    return handler(req);
  };
}

/** Tenant-level reads any signed-in caller may make (the provider catalogue, built-in role definitions). */
export function anyCaller(ctx: ServiceContext, why: string, handler: Handler): Handler {
  return (req) => {
    ctx.authz.allowAuthenticated(req, why);
    return handler(req);
  };
}
