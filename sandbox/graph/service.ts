import { z } from 'zod';
import { json, noContent, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { SandboxService, ServiceContext } from '../core/service';
import { graphAuthentication } from '../entra/authenticate';
import { hashSecret } from '../entra/builtin-principals';
import { registerAppRoleAssignments } from './app-role-assignment-routes';
import { newClientSecret } from './client-secret';
import { newApplication, newServicePrincipal, type DirectoryObject } from './directory-objects';
import { collectionOf, directoryState, DirectoryStore, odataType, type ObjectKind } from './directory-store';
import { badRequest, graphError, resourceNotFound } from './graph-errors';
import { parseFilter } from './odata-filter';
import {
  canCreateApplications,
  canManage,
  canReadApplications,
  canReadDeletedItems,
  DIRECTORY_OBJECT_QUOTA,
  quotaUsed,
} from './permissions';

const createApplicationBody = z.looseObject({ displayName: z.string().min(1) });
const createServicePrincipalBody = z.looseObject({ appId: z.string().min(1) });
const addPasswordBody = z.object({
  passwordCredential: z
    .object({
      displayName: z.string().optional(),
      startDateTime: z.string().optional(),
      endDateTime: z.string().optional(),
    })
    .loose()
    .optional(),
});
const removePasswordBody = z.object({ keyId: z.string().min(1) });

const MAX_PAGE = 999;
const DEFAULT_PAGE = 100;

/**
 * Microsoft Graph v1.0: applications, service principals, passwords, deleted items and app role assignments, each
 * call checked against the caller's application permissions and ownership.
 */
export function createGraphService(): SandboxService {
  return {
    name: 'graph',
    endpoint: 'graph',
    authenticate: (ctx) => graphAuthentication(ctx.identity),
    register(router, ctx) {
      const store = new DirectoryStore(
        directoryState(ctx),
        () => ctx.clock.now(),
        () => ctx.settings.graphReplicationLagMs,
      );
      ctx.lookups.graphPrincipalExists = (objectId) => store.get('servicePrincipal', objectId) !== undefined;
      ctx.lookups.graphPrincipalType = (objectId) =>
        store.get('servicePrincipal', objectId) ? 'ServicePrincipal' : undefined;
      registerApplications(router, ctx, store);
      registerServicePrincipals(router, ctx, store);
      registerDeletedItems(router, ctx, store);
      registerAppRoleAssignments(router, ctx, store);
    },
  };
}

/** 400 when creating one more object would pass the caller's directory object quota. */
function quotaExceeded(
  ctx: ServiceContext,
  store: DirectoryStore,
  req: SandboxRequest,
): SandboxResponse | undefined {
  const caller = req.caller;
  if (!caller || caller.roles.includes('Directory.ReadWrite.All')) return undefined;
  if (quotaUsed(store.state, caller.objectId, ctx.clock.now()) + 1 <= DIRECTORY_OBJECT_QUOTA)
    return undefined;
  return graphError(
    400,
    'Directory_QuotaExceeded',
    'The directory object quota limit for the Principal has been exceeded. Please ask your administrator to increase the quota limit or delete objects to reduce the used quota.',
  );
}

/** Records who created an object (its quota) and, for Application.ReadWrite.OwnedBy, makes the caller its owner. */
function recordCreator(store: DirectoryStore, req: SandboxRequest, objectId: string): void {
  if (!req.caller) return;
  store.state.createdBy[objectId] = req.caller.objectId;
  store.state.owners[objectId] = [req.caller.objectId];
}

function registerApplications(router: ServiceRouter, ctx: ServiceContext, store: DirectoryStore): void {
  const now = () => new Date(ctx.clock.now()).toISOString();
  const manage = (req: SandboxRequest, object: DirectoryObject) =>
    ctx.authz.graph(req, (caller) => canManage(caller, store.state.owners[object.id]));
  const read = (req: SandboxRequest) => ctx.authz.graph(req, canReadApplications);
  // Creating (POST, or an upsert that finds nothing) needs the create permission, a displayName and room in the
  // caller's quota; the caller becomes the owner.
  const create = (req: SandboxRequest, uniqueName?: string): SandboxResponse => {
    const denied = ctx.authz.graph(req, canCreateApplications);
    if (denied) return denied;
    const body = createApplicationBody.safeParse(req.body);
    if (!body.success)
      return badRequest(
        "Invalid value specified for property 'displayName' of resource 'Application'. Send a JSON body with a displayName.",
      );
    const full = quotaExceeded(ctx, store, req);
    if (full) return full;
    const app = newApplication(ctx.ids.guid(), ctx.ids.guid(), now(), body.data);
    if (uniqueName !== undefined) app.uniqueName = uniqueName;
    store.add('application', app);
    recordCreator(store, req, app.id);
    return json(201, entity(req, 'applications', app), {
      Location: `${req.baseUrl}/v1.0/directoryObjects/${app.id}/Microsoft.DirectoryServices.Application`,
    });
  };
  router.post('/v1.0/applications', 'CreateApplication', (req) => create(req));
  // Upsert by the uniqueName alternate key (https://learn.microsoft.com/graph/api/application-upsert). Entra enforces
  // the key on write, so the lookup sees objects that reads do not show yet (the replication lag applies to reads).
  // Creating needs what POST does (and counts against the quota, the caller becoming owner); updating, ownership.
  router.patch("/v1.0/applications(uniqueName='{uniqueName}')", 'UpsertApplication', (req) => {
    const uniqueName = req.params.uniqueName;
    const existing = Object.values(store.state.applications).find((a) => a.uniqueName === uniqueName);
    const patch = (req.body ?? {}) as Record<string, unknown>;
    if (existing) {
      const denied = manage(req, existing);
      if (denied) return denied;
      const fixed = [
        'id',
        'appId',
        'uniqueName',
        'createdDateTime',
        'passwordCredentials',
        'deletedDateTime',
      ];
      for (const [k, v] of Object.entries(patch)) if (!fixed.includes(k)) existing[k] = v;
      return noContent();
    }
    if (!/create-if-missing/i.test(String(req.headers.prefer ?? '')))
      return read(req) ?? resourceNotFound(uniqueName);
    return create(req, uniqueName);
  });
  router.get(
    '/v1.0/applications',
    'ListApplications',
    (req) => read(req) ?? list(req, 'applications', store.list('application')),
  );
  router.get("/v1.0/applications(appId='{appId}')", 'GetApplicationByAppId', (req) => {
    const denied = read(req);
    if (denied) return denied;
    const app = store.byAppId('application', req.params.appId);
    return app ? json(200, entity(req, 'applications', app)) : resourceNotFound(req.params.appId);
  });
  router.delete("/v1.0/applications(appId='{appId}')", 'DeleteApplicationByAppId', (req) => {
    const app = store.byAppId('application', req.params.appId);
    if (!app) return read(req) ?? resourceNotFound(req.params.appId);
    const denied = manage(req, app);
    if (denied) return denied;
    deleteApplication(store, app, now());
    return noContent();
  });
  router.get('/v1.0/applications/{id}', 'GetApplication', (req) => {
    const denied = read(req);
    if (denied) return denied;
    const app = store.get('application', req.params.id);
    return app ? json(200, entity(req, 'applications', app)) : resourceNotFound(req.params.id);
  });
  router.patch('/v1.0/applications/{id}', 'UpdateApplication', (req) => {
    const app = store.get('application', req.params.id);
    if (!app) return read(req) ?? resourceNotFound(req.params.id);
    const denied = manage(req, app);
    if (denied) return denied;
    const patch = (req.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch))
      if (!['id', 'appId', 'createdDateTime', 'passwordCredentials', 'deletedDateTime'].includes(k))
        app[k] = v;
    return noContent();
  });
  router.delete('/v1.0/applications/{id}', 'DeleteApplication', (req) => {
    const app = store.get('application', req.params.id);
    if (!app) return read(req) ?? resourceNotFound(req.params.id);
    const denied = manage(req, app);
    if (denied) return denied;
    deleteApplication(store, app, now());
    return noContent();
  });
  router.post('/v1.0/applications/{id}/addPassword', 'AddPassword', (req) => {
    const app = store.get('application', req.params.id);
    if (!app) return read(req) ?? resourceNotFound(req.params.id);
    const denied = manage(req, app);
    if (denied) return denied;
    const body = addPasswordBody.safeParse(req.body ?? {});
    if (!body.success)
      return badRequest(
        'The addPassword body must be {"passwordCredential": {"displayName"?, "startDateTime"?, "endDateTime"?}}.',
      );
    const requested = body.data.passwordCredential ?? {};
    const start = requested.startDateTime ?? now();
    const end =
      requested.endDateTime ?? new Date(Date.parse(start) + 2 * 365 * 24 * 60 * 60 * 1000).toISOString();
    const secretText = newClientSecret();
    const credential = {
      customKeyIdentifier: null,
      displayName: requested.displayName ?? null,
      endDateTime: end,
      hint: secretText.slice(0, 3),
      keyId: ctx.ids.guid(),
      secretText: null,
      startDateTime: start,
    };
    // The stored credential never holds the secret: Graph returns the text once, here. The token endpoint keeps
    // its hash (outside what Graph serves) to check sign-ins.
    (app.passwordCredentials as unknown[]).push(credential);
    store.state.credentials[credential.keyId] = {
      objectId: app.id,
      hash: hashSecret(secretText),
      createdAtMs: ctx.clock.now(),
      endDateTime: end,
    };
    return json(200, {
      '@odata.context': `${req.baseUrl}/v1.0/$metadata#microsoft.graph.passwordCredential`,
      ...credential,
      secretText,
    });
  });
  router.post('/v1.0/applications/{id}/removePassword', 'RemovePassword', (req) => {
    const app = store.get('application', req.params.id);
    if (!app) return read(req) ?? resourceNotFound(req.params.id);
    const denied = manage(req, app);
    if (denied) return denied;
    const body = removePasswordBody.safeParse(req.body);
    if (!body.success) return badRequest('The removePassword body must be {"keyId": "<guid>"}.');
    const credentials = app.passwordCredentials as { keyId: string }[];
    const index = credentials.findIndex((c) => c.keyId.toLowerCase() === body.data.keyId.toLowerCase());
    if (index < 0)
      return badRequest(`No password credential found with keyId ${body.data.keyId}.`, 'Request_BadRequest');
    credentials.splice(index, 1);
    delete store.state.credentials[body.data.keyId.toLowerCase()];
    return noContent();
  });
}

function deleteApplication(store: DirectoryStore, app: DirectoryObject, when: string): void {
  // Deleting an application deletes its service principals with it, as in Entra.
  for (const sp of store.list('servicePrincipal'))
    if (sp.appId === app.appId) store.softDelete('servicePrincipal', sp.id, when);
  store.softDelete('application', app.id, when);
}

function registerServicePrincipals(router: ServiceRouter, ctx: ServiceContext, store: DirectoryStore): void {
  const now = () => new Date(ctx.clock.now()).toISOString();
  const read = (req: SandboxRequest) => ctx.authz.graph(req, canReadApplications);
  router.post('/v1.0/servicePrincipals', 'CreateServicePrincipal', (req) => {
    const allowedToCreate = ctx.authz.graph(req, canCreateApplications);
    if (allowedToCreate) return allowedToCreate;
    const body = createServicePrincipalBody.safeParse(req.body);
    if (!body.success)
      return badRequest(
        'Invalid value specified for property \'appId\' of resource \'ServicePrincipal\'. Send {"appId": "<application appId>"}.',
      );
    const app = store.byAppId('application', body.data.appId);
    if (!app) {
      return badRequest(
        `The appId '${body.data.appId}' of the service principal does not reference a valid application object. Create the application first (and wait for replication).`,
        'Request_BadRequest',
      );
    }
    // OwnedBy creates service principals only for applications it owns.
    const denied = ctx.authz.graph(req, (caller) => canManage(caller, store.state.owners[app.id]));
    if (denied) return denied;
    if (store.byAppId('servicePrincipal', body.data.appId)) {
      return graphError(
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        `A service principal for appId '${body.data.appId}' already exists. Get it with $filter=appId eq '${body.data.appId}'.`,
      );
    }
    const full = quotaExceeded(ctx, store, req);
    if (full) return full;
    const sp = newServicePrincipal(ctx.ids.guid(), app, ctx.tenantId, body.data);
    store.add('servicePrincipal', sp);
    recordCreator(store, req, sp.id);
    return json(201, entity(req, 'servicePrincipals', sp));
  });
  router.get(
    '/v1.0/servicePrincipals',
    'ListServicePrincipals',
    (req) => read(req) ?? list(req, 'servicePrincipals', store.list('servicePrincipal')),
  );
  router.get("/v1.0/servicePrincipals(appId='{appId}')", 'GetServicePrincipalByAppId', (req) => {
    const denied = read(req);
    if (denied) return denied;
    const sp = store.byAppId('servicePrincipal', req.params.appId);
    return sp ? json(200, entity(req, 'servicePrincipals', sp)) : resourceNotFound(req.params.appId);
  });
  router.get('/v1.0/servicePrincipals/{id}', 'GetServicePrincipal', (req) => {
    const denied = read(req);
    if (denied) return denied;
    const sp = store.get('servicePrincipal', req.params.id);
    return sp ? json(200, entity(req, 'servicePrincipals', sp)) : resourceNotFound(req.params.id);
  });
  router.delete('/v1.0/servicePrincipals/{id}', 'DeleteServicePrincipal', (req) => {
    const sp = store.get('servicePrincipal', req.params.id);
    if (!sp) return read(req) ?? resourceNotFound(req.params.id);
    const denied = ctx.authz.graph(req, (caller) => canManage(caller, store.state.owners[sp.id]));
    if (denied) return denied;
    store.softDelete('servicePrincipal', sp.id, now());
    return noContent();
  });
}

function registerDeletedItems(router: ServiceRouter, ctx: ServiceContext, store: DirectoryStore): void {
  const kinds: ObjectKind[] = ['application', 'servicePrincipal'];
  const readDeleted = (req: SandboxRequest) => ctx.authz.graph(req, canReadDeletedItems);
  const manageDeleted = (req: SandboxRequest, id: string) =>
    ctx.authz.graph(req, (caller) => canManage(caller, store.state.owners[id.toLowerCase()]));
  // Entra is eventually consistent: a deletion reaches deletedItems (list, get, purge, restore) only after a while.
  const deletedNotYet = (id: string) =>
    ctx.clock.now() - (store.state.deletedAtMs[id.toLowerCase()] ?? 0) < ctx.settings.deletedItemsLagMs;
  for (const kind of kinds) {
    router.get(
      `/v1.0/directory/deletedItems/microsoft.graph.${kind}`,
      `ListDeleted${kind === 'application' ? 'Applications' : 'ServicePrincipals'}`,
      (req) =>
        readDeleted(req) ??
        list(req, collectionOf[kind], store.listDeleted(kind, ctx.settings.deletedItemsLagMs)),
    );
  }
  router.get('/v1.0/directory/deletedItems/{id}', 'GetDeletedItem', (req) => {
    const denied = readDeleted(req);
    if (denied) return denied;
    const found = store.deleted(req.params.id);
    if (!found || deletedNotYet(req.params.id)) return resourceNotFound(req.params.id);
    return json(200, {
      '@odata.context': `${req.baseUrl}/v1.0/$metadata#directoryObjects/$entity`,
      '@odata.type': odataType[found.kind],
      ...found.object,
    });
  });
  router.delete('/v1.0/directory/deletedItems/{id}', 'PermanentlyDeleteItem', (req) => {
    const denied = manageDeleted(req, req.params.id);
    if (denied) return denied;
    if (deletedNotYet(req.params.id)) return resourceNotFound(req.params.id);
    return store.purge(req.params.id) ? noContent() : resourceNotFound(req.params.id);
  });
  router.post('/v1.0/directory/deletedItems/{id}/restore', 'RestoreDeletedItem', (req) => {
    const denied = manageDeleted(req, req.params.id);
    if (denied) return denied;
    if (deletedNotYet(req.params.id)) return resourceNotFound(req.params.id);
    const restored = store.restore(req.params.id);
    if (!restored) return resourceNotFound(req.params.id);
    return json(200, {
      '@odata.context': `${req.baseUrl}/v1.0/$metadata#directoryObjects/$entity`,
      '@odata.type': odataType[restored.kind],
      ...restored.object,
    });
  });
}

function entity(req: SandboxRequest, collection: string, object: DirectoryObject): Record<string, unknown> {
  return { '@odata.context': `${req.baseUrl}/v1.0/$metadata#${collection}/$entity`, ...select(req, object) };
}

/** A collection answer: `$filter`, `$select`, `$top` with an `@odata.nextLink` carrying `$skiptoken`. */
function list(req: SandboxRequest, collection: string, items: DirectoryObject[]): SandboxResponse {
  const filter = parseFilter(req.query.get('$filter'));
  if ('error' in filter) return badRequest(filter.error, 'Request_UnsupportedQuery');
  const matching = items
    .filter(filter)
    .sort(
      (a, b) =>
        String(a.createdDateTime ?? '').localeCompare(String(b.createdDateTime ?? '')) ||
        a.id.localeCompare(b.id),
    );
  const top = Math.min(Number(req.query.get('$top') ?? DEFAULT_PAGE) || DEFAULT_PAGE, MAX_PAGE);
  const token = req.query.get('$skiptoken');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
  const page = matching.slice(offset, offset + top).map((o) => select(req, o));
  const body: Record<string, unknown> = {
    '@odata.context': `${req.baseUrl}/v1.0/$metadata#${collection}`,
    value: page,
  };
  if (offset + top < matching.length) {
    // Graph writes OData option names with a literal `$`; only values are encoded.
    const params = [...req.query]
      .filter(([k]) => k !== '$skiptoken')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    params.push(`$skiptoken=${Buffer.from(String(offset + top)).toString('base64url')}`);
    body['@odata.nextLink'] = `${req.baseUrl}${req.path}?${params.join('&')}`;
  }
  return json(200, body);
}

function select(req: SandboxRequest, object: DirectoryObject): Record<string, unknown> {
  const fields = req.query.get('$select');
  if (!fields) return object;
  const wanted = new Set(
    fields
      .split(',')
      .map((f) => f.trim())
      .concat('id'),
  );
  return Object.fromEntries(Object.entries(object).filter(([k]) => wanted.has(k)));
}
