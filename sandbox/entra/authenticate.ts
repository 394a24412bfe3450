// Each service's 401 when the token is missing, forged, expired, for another audience or another tenant, in the
// shape that service answers with. On success the caller (oid, appid, tid, roles) is put on the request.
import { randomUUID } from 'node:crypto';
import { azureError, json, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { AuthCheck } from '../core/router';
import { armAudiences, graphAudiences, keyVaultAudiences } from './audiences';
import { isProblem, type SandboxIdentity } from './identity';
import { issuerFor, type TokenProblem } from './tokens';

type Refusal = (problem: TokenProblem, req: SandboxRequest) => SandboxResponse;

function authenticator(identity: SandboxIdentity, audiences: readonly string[], refuse: Refusal): AuthCheck {
  return (req) => {
    const result = identity.verify(req.headers.authorization, audiences);
    if (isProblem(result)) return refuse(result, req);
    req.caller = result;
    return undefined;
  };
}

/** .NET's `G` format in en-US, as ARM writes times in its expiry message (`5/14/2023 4:40:04 PM`). */
function armTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const h = d.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/** Azure Resource Manager (and the services on its endpoint: Resource Graph, Container Apps). */
export function armAuthentication(identity: SandboxIdentity): AuthCheck {
  return authenticator(identity, armAudiences, (problem) => {
    const challenge = (description: string) => ({
      'WWW-Authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description}"`,
    });
    switch (problem.problem) {
      case 'missing':
        return azureError(
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing.",
          challenge("The authentication failed because of missing 'Authorization' header."),
        );
      case 'expired':
        return azureError(
          401,
          'ExpiredAuthenticationToken',
          `The access token expiry UTC time '${armTime(problem.expiresAt)}' is earlier than current UTC time '${armTime(problem.now)}'.`,
          challenge('The access token has expired.'),
        );
      case 'audience':
        return azureError(
          401,
          'InvalidAuthenticationTokenAudience',
          `The access token has been obtained for wrong audience or resource '${problem.audience}'. It should exactly match with one of the allowed audiences ${armAudiences.map((a) => `'${a}'`).join(',')}.`,
          challenge('The access token has been obtained for wrong audience or resource.'),
        );
      case 'tenant':
        return azureError(
          401,
          'InvalidAuthenticationTokenTenant',
          `The access token is from the wrong issuer '${issuerFor(problem.tenantId)}'. It must match the tenant '${issuerFor(identity.tenantId)}' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${identity.tenantId}' to get the token.`,
          challenge('The access token is from the wrong issuer.'),
        );
      case 'invalid':
        return azureError(
          401,
          'InvalidAuthenticationToken',
          'The access token is invalid.',
          challenge('The access token is invalid.'),
        );
    }
  });
}

/** Microsoft Graph: `{"error":{"code":"InvalidAuthenticationToken","message","innerError"}}`. */
export function graphAuthentication(identity: SandboxIdentity): AuthCheck {
  return authenticator(identity, graphAudiences, (problem) => {
    const message = {
      missing: 'Access token is empty.',
      expired: 'Lifetime validation failed, the token is expired.',
      audience: 'Access token validation failure. Invalid audience.',
      tenant: 'Access token validation failure. Invalid issuer.',
      invalid: 'Access token validation failure.',
    }[problem.problem];
    const requestId = randomUUID();
    return json(
      401,
      {
        error: {
          code: 'InvalidAuthenticationToken',
          message,
          innerError: {
            date: new Date().toISOString().replace(/\.\d+Z$/, ''),
            'request-id': requestId,
            'client-request-id': requestId,
          },
        },
      },
      {
        'request-id': requestId,
        'WWW-Authenticate':
          'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
      },
    );
  });
}

/** Key Vault: the challenge the SDK needs first, then `{"error":{"code":"Unauthorized","message"}}`. */
export function keyVaultAuthentication(identity: SandboxIdentity): AuthCheck {
  return authenticator(identity, keyVaultAudiences, (problem) => {
    const challenge = {
      'WWW-Authenticate': `Bearer authorization="https://login.microsoftonline.com/${identity.tenantId}", resource="https://vault.azure.net"`,
    };
    const message = {
      missing: 'AKV10000: Request is missing a Bearer or PoP token.',
      expired: "[TokenExpired] Error validating token: 'S2S12086'.",
      audience: `AKV10022: Invalid audience. Expected https://vault.azure.net, found: ${problem.problem === 'audience' ? problem.audience : ''}.`,
      tenant: `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${identity.tenantId}/, found ${problem.problem === 'tenant' ? issuerFor(problem.tenantId) : ''}.`,
      invalid: 'AKV10000: Request is missing a Bearer or PoP token.',
    }[problem.problem];
    return azureError(401, 'Unauthorized', message, challenge);
  });
}
