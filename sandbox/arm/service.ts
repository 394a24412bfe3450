import type { SandboxService } from '../core/service';
import { registerActionRoutes } from './action-routes';
import { operationResult, operationStatus } from './operations';
import { registerDiagnosticSettingsRoutes } from './diagnostic-settings-routes';
import { registerPolicyRoutes } from './policy/policy-routes';
import { registerProviderRoutes } from './provider-routes';
import { registerResourceGroupRoutes } from './resource-group-routes';
import { idKey, parseResourceId } from './resource-id';
import { putResource, registerResourceRoutes } from './resource-routes';
import { registerRoleRoutes } from './role-routes';
import { armState } from './store';
import { registerTagRoutes } from './tag-routes';

/**
 * Azure Resource Manager: subscriptions, resource groups, generic resources by id, providers, tags,
 * role definitions and assignments, and the operation-status endpoints of its long-running operations.
 */
export const createArmService = (): SandboxService => ({
  name: 'arm',
  endpoint: 'arm',
  register(router, ctx) {
    const ops = '/subscriptions/{subscriptionId}/providers/Microsoft.Resources';
    // Polling a long-running operation: its id is the capability (the sandbox does not tie it to the caller).
    const poll = 'polling an operation the caller was given the link of';
    router.get(`${ops}/operationResults/{operationId}`, 'Operations_Result', (req) => {
      ctx.authz.allowAuthenticated(req, poll);
      return operationResult(ctx, req);
    });
    router.get(`${ops}/operations/{operationId}`, 'Operations_Status', (req) => {
      ctx.authz.allowAuthenticated(req, poll);
      return operationStatus(ctx, req);
    });
    registerResourceGroupRoutes(router, ctx);
    registerProviderRoutes(router, ctx);
    registerTagRoutes(router, ctx);
    registerRoleRoutes(router, ctx);
    registerPolicyRoutes(router, ctx);
    registerDiagnosticSettingsRoutes(router, ctx);
    // Last: the generic by-id routes match any provider path.
    registerResourceRoutes(router, ctx);
    registerActionRoutes(router, ctx);

    ctx.lookups.armPutResource = (resource) => {
      const parsed = parseResourceId(resource.id);
      if (!parsed)
        throw new Error(
          `could not put resource ${resource.id}: not a resource id (/subscriptions/S/resourceGroups/G/providers/NS/type/name)`,
        );
      const groupKey = idKey(
        `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}`,
      );
      const state = armState(ctx);
      if (!state.groups[groupKey]) {
        const now = ctx.clock.now();
        state.groups[groupKey] = {
          id: `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}`,
          name: parsed.resourceGroup,
          type: 'Microsoft.Resources/resourceGroups',
          location: resource.location ?? ctx.location,
          properties: { provisioningState: 'Succeeded' },
          subscriptionId: parsed.subscriptionId,
          createdAt: now,
          changedAt: now,
        };
      }
      putResource(ctx, parsed, resource.id, resource, 'sandbox');
    };
    ctx.lookups.armResourceProperties = (id) => armState(ctx).resources[idKey(id)]?.properties;
    ctx.lookups.armExists = (id) => {
      const state = armState(ctx);
      return Boolean(state.resources[idKey(id)] ?? state.groups[idKey(id)]);
    };
  },
});
