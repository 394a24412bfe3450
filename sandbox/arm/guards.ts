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

/** Every ARM call: finish due operations, require api-version, refuse other subscriptions. */
export function armHandler(ctx: ServiceContext, handler: Handler): Handler {
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
    if (sub !== undefined && sub.toLowerCase() !== ctx.subscriptionId.toLowerCase()) {
      return azureError(
        404,
        'SubscriptionNotFound',
        `The subscription '${sub}' could not be found. The sandbox serves subscription '${ctx.subscriptionId}'.`,
      );
    }
    return handler(req);
  };
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
