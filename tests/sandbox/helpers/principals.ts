import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import type { Sandbox } from '../../../sandbox';
import { httpsRequest } from './https-request';
import { bearer } from './tokens';

export interface CreatedPrincipal {
  clientId: string;
  objectId: string;
  applicationId: string;
  clientSecret: string;
}

/** An app registration, its service principal and a password, created through Graph as the tenant admin. */
export async function createPrincipal(sandbox: Sandbox, displayName: string): Promise<CreatedPrincipal> {
  const graph = (path: string, body: unknown) =>
    bearer(sandbox, 'graph').then((headers) =>
      httpsRequest(`${sandbox.endpoints.graph}/v1.0${path}`, sandbox.caCert, {
        method: 'POST',
        headers,
        body,
      }),
    );
  const app = await graph('/applications', { displayName });
  if (app.status !== 201) throw new Error(`could not create application ${displayName}: ${app.body}`);
  const sp = await graph('/servicePrincipals', { appId: app.json().appId });
  if (sp.status !== 201) throw new Error(`could not create service principal ${displayName}: ${sp.body}`);
  const password = await graph(`/applications/${app.json().id}/addPassword`, { passwordCredential: {} });
  return {
    clientId: app.json().appId,
    objectId: sp.json().id,
    applicationId: app.json().id,
    clientSecret: password.json().secretText,
  };
}

/** The real ClientSecretCredential against the sandbox's token endpoint. */
export function signInAs(sandbox: Sandbox, p: { clientId: string; clientSecret: string }): TokenCredential {
  return new ClientSecretCredential(sandbox.tenantId, p.clientId, p.clientSecret, {
    authorityHost: sandbox.endpoints.login,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sandbox.caCert },
  });
}
