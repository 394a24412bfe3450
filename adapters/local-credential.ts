// The credential of local mode (HAYMAKER_ENVIRONMENT=local): the app signs in as the sandbox's orchestrator principal
// at the sandbox's Entra token endpoint, exactly as a client-secret principal signs in to Entra, so every call runs
// with the grants the identities table gives the orchestrator (not a free pass). DefaultAzureCredential must not be
// used here: its managed-identity probe would leave the machine.
import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';

export interface LocalCredentialSettings {
  tenantId: string;
  clientId?: string;
  clientSecret?: string;
  authorityHost?: string;
}

/** Without a principal to sign in as, every token request fails with what to set (the app still starts). */
export function createLocalCredential(settings: LocalCredentialSettings, tlsCa?: string): TokenCredential {
  if (!settings.clientId || !settings.clientSecret || !settings.authorityHost)
    return {
      getToken: () =>
        Promise.reject(
          new Error(
            "local mode signs in as the sandbox's orchestrator principal: set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_AUTHORITY_HOST (sandbox.json principals.orchestrator and endpoints.login)",
          ),
        ),
    };
  return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
    authorityHost: settings.authorityHost,
    // MSAL validates an authority host it does not know against login.microsoftonline.com (instance
    // discovery), which is off-machine; the sandbox's host is trusted as given.
    disableInstanceDiscovery: true,
    ...(tlsCa ? { tlsOptions: { ca: tlsCa } } : {}),
  });
}
