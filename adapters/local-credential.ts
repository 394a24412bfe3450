// The credential of local mode (HAYMAKER_ENVIRONMENT=local): a fixed bearer token that the loopback sandbox accepts.
// DefaultAzureCredential must not be used there: it probes the instance metadata endpoint, which is off-machine.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

const LOCAL_TOKEN = 'haymaker-local-development-token';

export function createLocalDevelopmentCredential(): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: LOCAL_TOKEN, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}
