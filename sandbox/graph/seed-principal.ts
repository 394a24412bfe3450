import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../core/service';
import { hashSecret } from '../entra/builtin-principals';
import { newClientSecret } from './client-secret';
import { newApplication, newServicePrincipal } from './directory-objects';
import { directoryState } from './directory-store';

/** A service principal (with its app registration) put straight into the directory, already replicated. */
export function putDirectoryPrincipal(
  ctx: ServiceContext,
  objectId: string,
  displayName = 'seeded-principal',
): { appId: string; applicationId: string } {
  const directory = directoryState(ctx);
  const id = objectId.toLowerCase();
  const existing = directory.servicePrincipals[id];
  if (existing) {
    const app = Object.values(directory.applications).find((a) => a.appId === existing.appId);
    return { appId: String(existing.appId), applicationId: app?.id ?? '' };
  }
  const app = newApplication(ctx.ids.guid(), ctx.ids.guid(), new Date(0).toISOString(), { displayName });
  directory.applications[app.id] = app;
  directory.servicePrincipals[id] = newServicePrincipal(id, app, ctx.tenantId, {});
  directory.createdAtMs[app.id] = 0;
  directory.createdAtMs[id] = 0;
  return { appId: String(app.appId), applicationId: app.id };
}

/**
 * An app registration with a service principal and a client secret that signs in at once (the tenant admin's
 * doing, outside any lag): a principal for tests and tools to act as, e.g. a scenario's.
 */
export function createDirectoryPrincipal(
  ctx: ServiceContext,
  displayName: string,
): { clientId: string; clientSecret: string; objectId: string } {
  const objectId = randomUUID();
  const { appId, applicationId } = putDirectoryPrincipal(ctx, objectId, displayName);
  const clientSecret = newClientSecret();
  directoryState(ctx).credentials[randomUUID()] = {
    objectId: applicationId,
    hash: hashSecret(clientSecret),
    createdAtMs: 0,
    endDateTime: '9999-12-31T23:59:59Z',
  };
  return { clientId: appId, clientSecret, objectId };
}
