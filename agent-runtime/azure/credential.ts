// The agent's own identity: the job's managed identity in Azure, a static token against the sandbox.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** The sandbox accepts any bearer token; its CA is trusted through NODE_EXTRA_CA_CERTS set by the job runner. */
export function staticTokenCredential(token = 'haymaker-sandbox-token'): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}

export function agentCredential(options: {
  sandbox: boolean;
  managedIdentityClientId?: string;
}): TokenCredential {
  if (options.sandbox) return staticTokenCredential();
  // Loaded only in Azure: @azure/identity is the slowest module of the agent to load.
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential(
    options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {},
  );
}
