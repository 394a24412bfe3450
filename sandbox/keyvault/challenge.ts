import { azureError } from '../core/http';
import type { AuthCheck } from '../core/router';

/**
 * Key Vault's challenge: the SDK sends its first request without a token (and without a body)
 * and expects 401 with `authorization` + `resource`, from which it picks the token scope.
 */
export function keyVaultChallenge(tenantId: () => string): AuthCheck {
  return (req) => {
    const header = req.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+\S+/i.test(header)) return undefined;
    return azureError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', {
      'WWW-Authenticate': `Bearer authorization="https://login.microsoftonline.com/${tenantId()}", resource="https://vault.azure.net"`,
    });
  };
}
