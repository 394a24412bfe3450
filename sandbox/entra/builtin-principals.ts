// The identities the sandbox has from the start: HayMaker's two managed identities (orchestrator, agent; in Azure
// they sign in through the identity endpoint, here with a client secret at the token endpoint), `nobody` (an app
// registration without any grant) and `admin` (the tenant administrator who deploys, like the person running
// `azd up`). Their secrets live in the sandbox's own store only (`.haymaker/sandbox/`).
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../core/service';
import { newClientSecret } from '../graph/client-secret';
import { newApplication, newServicePrincipal, type DirectoryObject } from '../graph/directory-objects';
import { directoryState } from '../graph/directory-store';
import { graphAppRoles, MICROSOFT_GRAPH_APP_ID } from './graph-app-roles';

export const builtinPrincipalNames = ['orchestrator', 'agent', 'nobody', 'admin'] as const;
export type BuiltinPrincipalName = (typeof builtinPrincipalNames)[number];

export interface BuiltinPrincipal {
  name: BuiltinPrincipalName;
  displayName: string;
  /** appId: what a client signs in with. */
  clientId: string;
  clientSecret: string;
  /** The service principal's object id: what role assignments name. */
  objectId: string;
  managedIdentity: boolean;
}

interface EntraState {
  builtin: Partial<Record<BuiltinPrincipalName, BuiltinPrincipal>>;
  graphServicePrincipalId?: string;
}

const displayNames: Record<BuiltinPrincipalName, string> = {
  orchestrator: 'id-orchestrator-sandbox',
  agent: 'id-agent-sandbox',
  nobody: 'haymaker-sandbox-nobody',
  admin: 'haymaker-sandbox-admin',
};

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

const entraState = (ctx: Pick<ServiceContext, 'state'>) =>
  ctx.state.area<EntraState>('entra', () => ({ builtin: {} }));

/** Seeds the built-in principals and Microsoft Graph's service principal once (idempotent on a persisted store). */
export function seedBuiltinPrincipals(
  ctx: Pick<ServiceContext, 'state' | 'tenantId' | 'ids'>,
): Record<BuiltinPrincipalName, BuiltinPrincipal> {
  const entra = entraState(ctx);
  const directory = directoryState(ctx);
  const seededAt = new Date(0).toISOString();

  if (!entra.graphServicePrincipalId || !directory.servicePrincipals[entra.graphServicePrincipalId]) {
    const id = ctx.ids.guid();
    const graphApp = {
      appId: MICROSOFT_GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      signInAudience: 'AzureADMultipleOrgs',
    };
    const sp: DirectoryObject = {
      ...newServicePrincipal(id, graphApp as unknown as DirectoryObject, ctx.tenantId, {}),
      appOwnerOrganizationId: null,
      publisherName: 'Microsoft Services',
      servicePrincipalNames: [MICROSOFT_GRAPH_APP_ID, 'https://graph.microsoft.com'],
      appRoles: graphAppRoles.map((r) => ({
        allowedMemberTypes: ['Application'],
        description: r.description,
        displayName: r.displayName,
        id: r.id,
        isEnabled: true,
        origin: 'Application',
        value: r.value,
      })),
    };
    directory.servicePrincipals[id] = sp;
    directory.createdAtMs[id] = 0;
    entra.graphServicePrincipalId = id;
  }

  for (const name of builtinPrincipalNames) {
    const existing = entra.builtin[name];
    if (existing && directory.servicePrincipals[existing.objectId]) continue;
    const managedIdentity = name === 'orchestrator' || name === 'agent';
    const appId = ctx.ids.guid();
    const appObjectId = ctx.ids.guid();
    const objectId = ctx.ids.guid();
    const app = newApplication(appObjectId, appId, seededAt, { displayName: displayNames[name] });
    const sp: DirectoryObject = {
      ...newServicePrincipal(objectId, app, ctx.tenantId, {}),
      servicePrincipalType: managedIdentity ? 'ManagedIdentity' : 'Application',
      ...(managedIdentity ? { appOwnerOrganizationId: null, alternativeNames: [] } : {}),
    };
    // A managed identity has a service principal and no app registration.
    if (!managedIdentity) {
      directory.applications[appObjectId] = app;
      directory.createdAtMs[appObjectId] = 0;
    }
    directory.servicePrincipals[objectId] = sp;
    directory.createdAtMs[objectId] = 0;
    const clientSecret = newClientSecret();
    directory.credentials[ctx.ids.guid()] = {
      objectId: managedIdentity ? objectId : appObjectId,
      hash: hashSecret(clientSecret),
      createdAtMs: 0,
      endDateTime: '9999-12-31T23:59:59Z',
    };
    entra.builtin[name] = {
      name,
      displayName: displayNames[name],
      clientId: appId,
      clientSecret,
      objectId,
      managedIdentity,
    };
  }
  return entra.builtin as Record<BuiltinPrincipalName, BuiltinPrincipal>;
}

export function graphServicePrincipalId(ctx: Pick<ServiceContext, 'state'>): string | undefined {
  return entraState(ctx).graphServicePrincipalId;
}
