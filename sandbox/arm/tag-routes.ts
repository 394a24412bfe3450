import { azureError, json, noContent, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, type ArmAccess } from './guards';
import { idKey } from './resource-id';
import { armState } from './store';

type Tagged = { tags?: Record<string, string>; changedAt: number };

/** Tags at scope (`{scope}/providers/Microsoft.Resources/tags/default`) for resources and groups. */
export function registerTagRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);
  const tags =
    (verb: 'read' | 'write' | 'delete'): ArmAccess =>
    (req) => ({
      action: `Microsoft.Resources/tags/${verb}`,
      scope: `/${req.params.scope.replace(/^\/+/, '')}`,
    });
  const path = '/{*scope}/providers/Microsoft.Resources/tags/default';
  const target = (req: SandboxRequest): { scope: string; item: Tagged } | undefined => {
    const scope = `/${req.params.scope.replace(/^\/+/, '')}`;
    const state = armState(ctx);
    const item = state.resources[idKey(scope)] ?? state.groups[idKey(scope)];
    return item ? { scope, item } : undefined;
  };
  const view = (scope: string, item: Tagged) => ({
    id: `${scope}/providers/Microsoft.Resources/tags/default`,
    name: 'default',
    type: 'Microsoft.Resources/tags',
    properties: { tags: item.tags ?? {} },
  });
  const missing = (req: SandboxRequest) =>
    azureError(
      404,
      'ResourceNotFound',
      `The scope '${req.params.scope}' was not found: tags need an existing resource or resource group.`,
    );

  router.get(
    path,
    'Tags_GetAtScope',
    h((req) => {
      const t = target(req);
      return t ? json(200, view(t.scope, t.item)) : missing(req);
    }, tags('read')),
  );
  router.put(
    path,
    'Tags_CreateOrUpdateAtScope',
    h((req) => {
      const t = target(req);
      if (!t) return missing(req);
      const body = (req.body ?? {}) as { properties?: { tags?: Record<string, string> } };
      t.item.tags = { ...(body.properties?.tags ?? {}) };
      t.item.changedAt = ctx.clock.now();
      return json(200, view(t.scope, t.item));
    }, tags('write')),
  );
  router.patch(
    path,
    'Tags_UpdateAtScope',
    h((req) => {
      const t = target(req);
      if (!t) return missing(req);
      const body = (req.body ?? {}) as { operation?: string; properties?: { tags?: Record<string, string> } };
      const given = body.properties?.tags ?? {};
      const op = (body.operation ?? '').toLowerCase();
      if (op === 'replace') t.item.tags = { ...given };
      else if (op === 'merge') t.item.tags = { ...(t.item.tags ?? {}), ...given };
      else if (op === 'delete') {
        const next = { ...(t.item.tags ?? {}) };
        for (const [k, v] of Object.entries(given)) if (next[k] === v) delete next[k];
        t.item.tags = next;
      } else
        return azureError(
          400,
          'InvalidTagOperation',
          `Unknown tag operation '${body.operation}': use Replace, Merge or Delete.`,
        );
      t.item.changedAt = ctx.clock.now();
      return json(200, view(t.scope, t.item));
    }, tags('write')),
  );
  router.delete(
    path,
    'Tags_DeleteAtScope',
    h((req) => {
      const t = target(req);
      if (t) {
        t.item.tags = {};
        t.item.changedAt = ctx.clock.now();
      }
      return noContent(200);
    }, tags('delete')),
  );
}
