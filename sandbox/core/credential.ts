import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** The token the sandbox hands out; it accepts any bearer token, so the value only has to look like one. */
export const sandboxToken = 'haymaker-sandbox-token';

/** A TokenCredential for local use: a fixed token valid for a day, for every scope. */
export function createSandboxCredential(): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: sandboxToken, expiresOnTimestamp: Date.now() + 24 * 60 * 60 * 1000 };
    },
  };
}
