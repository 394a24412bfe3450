import { azureError, json, type SandboxRequest } from '../core/http';
import type { Handler, ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { catalogNamespace, providerCatalog } from './catalog';
import { anyCaller, armHandler, type ArmAccess, withinSubscription, sandboxLocations } from './guards';
import { armState } from './store';

const displayLocations = [
  'East US',
  'East US 2',
  'West US',
  'West US 2',
  'West Europe',
  'North Europe',
  'UK South',
  'Sweden Central',
];

/** Catalogued types plus types the sandbox has seen created (with the api-versions used). */
function typesOf(ctx: ServiceContext, namespace: string): Record<string, string[]> {
  const types: Record<string, string[]> = { ...(providerCatalog[catalogNamespace(namespace) ?? ''] ?? {}) };
  for (const r of Object.values(armState(ctx).resources)) {
    const [ns, ...rest] = r.type.split('/');
    if (ns.toLowerCase() !== namespace.toLowerCase()) continue;
    const type = rest.join('/');
    const known = Object.keys(types).find((t) => t.toLowerCase() === type.toLowerCase());
    if (!known) types[type] = [r.apiVersion];
    else if (
      !types[known].includes(r.apiVersion) &&
      !providerCatalog[catalogNamespace(namespace) ?? '']?.[known]
    )
      types[known] = [...types[known], r.apiVersion];
  }
  return types;
}

function namespaces(ctx: ServiceContext): string[] {
  const seen = new Map(Object.keys(providerCatalog).map((n) => [n.toLowerCase(), n]));
  for (const r of Object.values(armState(ctx).resources)) {
    const ns = r.type.split('/')[0];
    if (!seen.has(ns.toLowerCase())) seen.set(ns.toLowerCase(), ns);
  }
  return [...seen.values()];
}

function providerView(
  ctx: ServiceContext,
  namespace: string,
  subscriptionId?: string,
): Record<string, unknown> | undefined {
  const types = typesOf(ctx, namespace);
  if (Object.keys(types).length === 0) return undefined;
  const ns =
    catalogNamespace(namespace) ??
    namespaces(ctx).find((n) => n.toLowerCase() === namespace.toLowerCase()) ??
    namespace;
  return {
    id: `${subscriptionId ? `/subscriptions/${subscriptionId}` : ''}/providers/${ns}`,
    namespace: ns,
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: Object.entries(types).map(([resourceType, apiVersions]) => ({
      resourceType,
      locations: displayLocations,
      apiVersions,
      defaultApiVersion: apiVersions[0],
      capabilities: 'SupportsTags, SupportsLocation',
    })),
  };
}

export function registerProviderRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);
  const providersRead = (fn: Handler) =>
    h(withinSubscription(ctx, 'Microsoft.Resources/subscriptions/providers/read', fn));
  const tenantRead = (fn: Handler) =>
    h(anyCaller(ctx, 'the provider catalogue is public to signed-in callers', fn));
  const one = (req: SandboxRequest) => {
    const view = providerView(ctx, req.params.resourceProviderNamespace, req.params.subscriptionId);
    return view
      ? json(200, view)
      : azureError(
          404,
          'InvalidResourceNamespace',
          `The resource namespace '${req.params.resourceProviderNamespace}' is invalid.`,
        );
  };
  router.get(
    '/subscriptions/{subscriptionId}/providers',
    'Providers_List',
    providersRead((req) =>
      json(200, {
        value: namespaces(ctx)
          .map((ns) => providerView(ctx, ns, req.params.subscriptionId))
          .filter(Boolean),
      }),
    ),
  );
  router.get(
    '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}',
    'Providers_Get',
    providersRead(one),
  );
  router.post(
    '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/register',
    'Providers_Register',
    h(one, (req) => ({
      action: `${req.params.resourceProviderNamespace}/register/action`,
      scope: `/subscriptions/${req.params.subscriptionId}`,
    })),
  );
  router.get(
    '/providers',
    'Providers_ListAtTenantScope',
    tenantRead(() =>
      json(200, {
        value: namespaces(ctx)
          .map((ns) => providerView(ctx, ns))
          .filter(Boolean),
      }),
    ),
  );
  router.get('/providers/{resourceProviderNamespace}', 'Providers_GetAtTenantScope', tenantRead(one));
  router.get(
    '/subscriptions/{subscriptionId}/locations',
    'Subscriptions_ListLocations',
    h(
      withinSubscription(ctx, 'Microsoft.Resources/subscriptions/locations/read', (req) =>
        json(200, {
          value: sandboxLocations.map((name, i) => ({
            id: `/subscriptions/${req.params.subscriptionId}/locations/${name}`,
            name,
            displayName: displayLocations[i],
            regionalDisplayName: `(Sandbox) ${displayLocations[i]}`,
          })),
        }),
      ),
    ),
  );
}
