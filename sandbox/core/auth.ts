import { azureError } from './http';
import type { AuthCheck } from './router';

/**
 * Azure's answer to a request without a bearer token: 401 with a `WWW-Authenticate` challenge.
 * Any token is accepted — the sandbox checks that clients authenticate, not who they are.
 */
export function bearerAuth(resource = 'https://management.azure.com/'): AuthCheck {
  return (req) => {
    const header = req.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+\S+/i.test(header)) return undefined;
    return azureError(
      401,
      'AuthenticationFailed',
      'Authentication failed. The Authorization header is missing. Send a bearer token (a TokenCredential) with every request.',
      {
        'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header.", resource="${resource}"`,
      },
    );
  };
}
