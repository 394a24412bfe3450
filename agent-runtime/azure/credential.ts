// The agent's own identity: the job's user-assigned managed identity, in Azure and in the sandbox alike (the
// sandbox's job runner serves Container Apps' identity endpoint, IDENTITY_ENDPOINT + IDENTITY_HEADER).
import type { TokenCredential } from '@azure/core-auth';

export function agentCredential(options: {
  sandbox: boolean;
  managedIdentityClientId?: string;
}): TokenCredential {
  // Loaded only when needed: @azure/identity is the slowest module of the agent to load.
  const identity = require('@azure/identity') as typeof import('@azure/identity');
  if (options.sandbox)
    // The managed identity source alone: DefaultAzureCredential would fall back to the az CLI, which in the
    // sandbox is the stand-in on PATH.
    return new identity.ManagedIdentityCredential(
      options.managedIdentityClientId ? { clientId: options.managedIdentityClientId } : {},
    );
  return new identity.DefaultAzureCredential(
    options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {},
  );
}
