// Diagnostic settings, an extension resource of the resource they watch
// ({resource id}/providers/Microsoft.Insights/diagnosticSettings/{name}; DiagnosticSettings_CreateOrUpdate/Get/Delete/
// List, api-version 2021-05-01-preview). ARM authorizes Microsoft.Insights/diagnosticSettings/{read,write,delete} at
// the setting, the resource must exist, and the setting goes with it. Lists of resources never show one.
import { azureError, json, noContent, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, type ArmAccess } from './guards';
import { idKey, parseResourceId } from './resource-id';
import { putResource, resourceNotFound } from './resource-routes';
import { armState } from './store';
import { resourceView } from './views';

const TYPE = 'Microsoft.Insights/diagnosticSettings';
const base =
  '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{*target}/providers/Microsoft.Insights/diagnosticSettings';

const targetId = (req: SandboxRequest) =>
  `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/${req.params.target}`;
const settingId = (req: SandboxRequest) => `${targetId(req)}/providers/${TYPE}/${req.params.name}`;

export function registerDiagnosticSettingsRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const on =
    (verb: 'read' | 'write' | 'delete'): ArmAccess =>
    (req) => ({ action: `${TYPE}/${verb}`, scope: req.params.name ? settingId(req) : targetId(req) });
  const h = (fn: Parameters<typeof armHandler>[1], access: ArmAccess) => armHandler(ctx, fn, access);
  /** The watched resource, or ARM's answer when it is missing. */
  const watched = (req: SandboxRequest) => {
    const parsed = parseResourceId(targetId(req));
    if (!parsed) return azureError(400, 'InvalidResourceId', `'${targetId(req)}' is not a resource id.`);
    return armState(ctx).resources[idKey(targetId(req))] ? undefined : resourceNotFound(parsed);
  };

  router.get(
    base,
    'DiagnosticSettings_List',
    h((req) => {
      const missing = watched(req);
      if (missing) return missing;
      const prefix = idKey(`${targetId(req)}/providers/${TYPE}/`);
      const value = Object.entries(armState(ctx).resources)
        .filter(([k]) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
        .map(([, r]) => resourceView(r));
      return json(200, { value });
    }, on('read')),
  );
  router.put(
    `${base}/{name}`,
    'DiagnosticSettings_CreateOrUpdate',
    h((req) => {
      const missing = watched(req);
      if (missing) return missing;
      const parsed = parseResourceId(targetId(req))!;
      const { resource } = putResource(
        ctx,
        {
          ...parsed,
          namespace: 'Microsoft.Insights',
          resourceType: 'diagnosticSettings',
          type: TYPE,
          name: req.params.name,
        },
        settingId(req),
        { properties: ((req.body ?? {}) as { properties?: Record<string, unknown> }).properties ?? {} },
        req.query.get('api-version') ?? '',
      );
      // A diagnostic setting has no location or provisioning state of its own.
      const { location: _location, ...view } = resourceView(resource) as Record<string, unknown>;
      return json(200, view);
    }, on('write')),
  );
  router.get(
    `${base}/{name}`,
    'DiagnosticSettings_Get',
    h((req) => {
      const missing = watched(req);
      if (missing) return missing;
      const found = armState(ctx).resources[idKey(settingId(req))];
      return found
        ? json(200, resourceView(found))
        : azureError(404, 'ResourceNotFound', `The diagnostic setting '${req.params.name}' doesn't exist.`);
    }, on('read')),
  );
  router.delete(
    `${base}/{name}`,
    'DiagnosticSettings_Delete',
    h((req) => {
      const key = idKey(settingId(req));
      const found = armState(ctx).resources[key];
      if (!found) return noContent(204);
      delete armState(ctx).resources[key];
      return noContent(200);
    }, on('delete')),
  );
}
