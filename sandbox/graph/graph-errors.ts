import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../core/http';
import type { AuthCheck } from '../core/router';

/** Graph's error body: `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

export function resourceNotFound(id: string): SandboxResponse {
  return graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(message: string, code = 'Request_BadRequest'): SandboxResponse {
  return graphError(400, code, message);
}

/** Graph refuses a request without a token with its own 401 shape. */
export function graphBearerAuth(): AuthCheck {
  return (req) => {
    const header = req.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+\S+/i.test(header)) return undefined;
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', {
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    });
  };
}
