// Microsoft Entra's token endpoint for the client-credentials grant, with the documents MSAL reads first (OpenID
// configuration, instance discovery, signing keys). Tokens name the principal (oid, appid, tid) and, for Microsoft
// Graph, carry its application permissions as `roles`.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import { createPublicKey, randomUUID, timingSafeEqual } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { SandboxService, ServiceContext } from '../core/service';
import { directoryState, type DirectoryState } from '../graph/directory-store';
import { audienceForScope, endpointAliases, isGraphAudience } from './audiences';
import { graphServicePrincipalId, hashSecret } from './builtin-principals';
import { graphAppRoleById } from './graph-app-roles';
import { issuerFor } from './tokens';

/** The AADSTS error body (`error`, `error_description` with trace and correlation ids, `error_codes`, …). */
export function aadstsError(
  status: number,
  error: string,
  code: number,
  message: string,
  nowMs: number,
): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

const tenantAliases = new Set(['organizations', 'common']);

function visible(directory: DirectoryState, id: string, now: number, lagMs: number): boolean {
  const created = directory.createdAtMs[id];
  return created === undefined || now - created >= lagMs;
}

export function createLoginService(): SandboxService {
  return {
    name: 'entra',
    endpoint: 'login',
    auth: 'none',
    register(router, ctx) {
      router.post('/{tenant}/oauth2/v2.0/token', 'Token', (req) => token(ctx, req));
      router.get('/{tenant}/v2.0/.well-known/openid-configuration', 'OpenIdConfiguration', (req) =>
        json(
          200,
          openIdConfiguration(req.baseUrl, resolveTenant(ctx, req.params.tenant) ?? req.params.tenant),
        ),
      );
      router.get('/{tenant}/discovery/instance', 'InstanceDiscovery', (req) => {
        const host = new URL(req.baseUrl).host;
        return json(200, {
          tenant_discovery_endpoint: `${req.baseUrl}/${req.params.tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        });
      });
      router.get('/{tenant}/discovery/v2.0/keys', 'Keys', () => {
        const jwk = createPublicKey(ctx.identity.publicKey).export({ format: 'jwk' });
        return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid: ctx.identity.keyId, n: jwk.n, e: jwk.e }] });
      });
    },
  };
}

function resolveTenant(ctx: ServiceContext, tenant: string): string | undefined {
  if (tenant.toLowerCase() === ctx.tenantId.toLowerCase() || tenantAliases.has(tenant.toLowerCase()))
    return ctx.tenantId;
  return undefined;
}

function openIdConfiguration(base: string, tenantId: string): Record<string, unknown> {
  return {
    token_endpoint: `${base}/${tenantId}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/${tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/${tenantId}/oauth2/v2.0/logout`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
  };
}

function token(ctx: ServiceContext, req: SandboxRequest): SandboxResponse {
  const now = ctx.clock.now();
  const fail = (status: number, error: string, code: number, message: string) =>
    aadstsError(status, error, code, message, now);
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const tenantId = resolveTenant(ctx, req.params.tenant);
  if (!tenantId)
    return fail(
      400,
      'invalid_request',
      90002,
      `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials')
    return fail(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType ?? ''}'. The sandbox issues tokens for the client_credentials grant only.`,
    );
  const scope = form.get('scope');
  if (!scope)
    return fail(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'.",
    );
  const clientId = (form.get('client_id') ?? '').toLowerCase();
  const secret = form.get('client_secret');
  if (!secret)
    return fail(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );

  const directory = directoryState(ctx);
  const lag = ctx.settings.graphReplicationLagMs;
  const servicePrincipal = Object.values(directory.servicePrincipals).find(
    (sp) => String(sp.appId).toLowerCase() === clientId && visible(directory, sp.id, now, lag),
  );
  if (!servicePrincipal)
    return fail(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  if (servicePrincipal.accountEnabled === false)
    return fail(400, 'unauthorized_client', 7000112, `Application '${clientId}' is disabled.`);
  const application = Object.values(directory.applications).find(
    (a) => String(a.appId).toLowerCase() === clientId,
  );
  const owners = new Set([servicePrincipal.id, ...(application ? [application.id] : [])]);
  const hash = hashSecret(secret);
  const matching = Object.values(directory.credentials).filter(
    (c) => owners.has(c.objectId) && timingSafeEqual(Buffer.from(c.hash), Buffer.from(hash)),
  );
  // A new secret is refused until Entra has replicated it; an expired one always.
  const usable = matching.find(
    (c) => now - c.createdAtMs >= ctx.settings.secretPropagationLagMs && Date.parse(c.endDateTime) > now,
  );
  if (!usable) {
    if (matching.length > 0 && matching.every((c) => Date.parse(c.endDateTime) <= now))
      return fail(
        401,
        'invalid_client',
        7000222,
        `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      );
    return fail(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  const audience = audienceForScope(scope, endpointAliases(ctx.endpoints));
  if (!audience)
    return fail(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${scope.replace(/\/\.default$/, '')} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    );
  const graphSp = graphServicePrincipalId(ctx);
  const roles = isGraphAudience(audience)
    ? Object.values(directory.appRoleAssignments)
        .filter((a) => a.principalId === servicePrincipal.id && a.resourceId === graphSp)
        .map((a) => graphAppRoleById(a.appRoleId)?.value)
        .filter((v): v is NonNullable<typeof v> => v !== undefined)
    : [];
  const issued = ctx.identity.issue({
    objectId: servicePrincipal.id,
    appId: String(servicePrincipal.appId),
    audience,
    roles: [...new Set(roles)],
  });
  const expiresIn = issued.expiresOn - Math.floor(now / 1000);
  return json(200, {
    token_type: 'Bearer',
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: issued.token,
  });
}

export { issuerFor };
