// The sandbox's Entra: the real ClientSecretCredential signs in at its token endpoint, tokens name the principal,
// Entra's refusals (AADSTS…) come back as Entra words them, and every service rejects forged, expired and
// misaddressed tokens as Azure does.
import { generateKeyPairSync } from 'node:crypto';
import { ResourceManagementClient } from '@azure/arm-resources';
import jwt from 'jsonwebtoken';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions } from './helpers/client-options';
import { httpsRequest } from './helpers/https-request';
import { createPrincipal, signInAs } from './helpers/principals';
import { bearer } from './helpers/tokens';

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe("the sandbox's Entra token endpoint", () => {
  let sandbox: Sandbox;
  let now = Date.parse('2030-01-01T00:00:00Z');
  beforeAll(async () => {
    sandbox = await startSandbox({ clock: { now: () => now } });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  const tokenRequest = (fields: Record<string, string>, tenant = sandbox.tenantId) =>
    httpsRequest(`${sandbox.endpoints.login}/${tenant}/oauth2/v2.0/token`, sandbox.caCert, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('issues tokens to the real ClientSecretCredential that name the principal, with Graph permissions as roles', async () => {
    const orchestrator = sandbox.principals.orchestrator;
    const credential = signInAs(sandbox, orchestrator);
    const arm = claims((await credential.getToken('https://management.azure.com/.default'))!.token);
    expect(arm).toMatchObject({
      aud: 'https://management.azure.com/',
      oid: orchestrator.objectId,
      appid: orchestrator.clientId,
      tid: sandbox.tenantId,
      iss: `https://sts.windows.net/${sandbox.tenantId}/`,
      idtyp: 'app',
    });
    expect(arm.roles).toBeUndefined();
    const graph = claims((await credential.getToken('https://graph.microsoft.com/.default'))!.token);
    expect(graph).toMatchObject({
      aud: 'https://graph.microsoft.com',
      // The orchestrator's Graph application permissions of core/authorization/identities.json.
      roles: ['Application.ReadWrite.OwnedBy', 'Application.Read.All'],
    });
    const vault = claims((await credential.getToken('https://vault.azure.net/.default'))!.token);
    expect(vault.aud).toBe('https://vault.azure.net');
  });

  it('serves the OpenID configuration, instance discovery and signing keys MSAL reads', async () => {
    const config = (
      await httpsRequest(
        `${sandbox.endpoints.login}/${sandbox.tenantId}/v2.0/.well-known/openid-configuration`,
        sandbox.caCert,
      )
    ).json();
    for (const field of ['authorization_endpoint', 'token_endpoint', 'issuer', 'jwks_uri'])
      expect(typeof config[field]).toBe('string');
    expect(config.token_endpoint).toBe(`${sandbox.endpoints.login}/${sandbox.tenantId}/oauth2/v2.0/token`);
    const discovery = (
      await httpsRequest(
        `${sandbox.endpoints.login}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`,
        sandbox.caCert,
      )
    ).json();
    expect(discovery.metadata[0].aliases).toEqual([new URL(sandbox.endpoints.login).host]);
    const keys = (await httpsRequest(config.jwks_uri, sandbox.caCert)).json();
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
  });

  it('refuses a wrong secret (AADSTS7000215), an unknown app (AADSTS700016), an unknown resource and tenant', async () => {
    const nobody = sandbox.principals.nobody;
    const base = { grant_type: 'client_credentials', scope: 'https://management.azure.com/.default' };
    const wrong = await tokenRequest({ ...base, client_id: nobody.clientId, client_secret: 'abc1Q~not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(wrong.json().error_description).toMatch(
      new RegExp(
        `^AADSTS7000215: Invalid client secret provided\\. .*'${nobody.clientId}'\\.\\r\\nTrace ID: `,
      ),
    );
    const unknown = await tokenRequest({
      ...base,
      client_id: '11111111-2222-4333-8444-555555555555',
      client_secret: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const resource = await tokenRequest({
      ...base,
      scope: 'api://somewhere/.default',
      client_id: nobody.clientId,
      client_secret: nobody.clientSecret,
    });
    expect(resource.json()).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });
    const tenant = await tokenRequest(
      { ...base, client_id: nobody.clientId, client_secret: nobody.clientSecret },
      '99999999-9999-4999-8999-999999999999',
    );
    expect(tenant.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('accepts a secret made with addPassword only after Entra has replicated it', async () => {
    sandbox.settings.secretPropagationLagMs = 60_000;
    try {
      const created = await createPrincipal(sandbox, 'lag-app');
      const fields = {
        grant_type: 'client_credentials',
        scope: 'https://management.azure.com/.default',
        client_id: created.clientId,
        client_secret: created.clientSecret,
      };
      expect((await tokenRequest(fields)).json().error_codes).toEqual([7000215]);
      now += 60_000;
      expect((await tokenRequest(fields)).status).toBe(200);
    } finally {
      sandbox.settings.secretPropagationLagMs = 0;
    }
  });

  it('refuses a forged, an expired and a misaddressed token at ARM, Graph and Key Vault', async () => {
    const arm = `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups?api-version=2025-04-01`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const real = claims((await bearer(sandbox)).authorization.slice(7));
    const forged = jwt.sign(real, privateKey, { algorithm: 'RS256' });
    const at = (url: string, token: string) =>
      httpsRequest(url, sandbox.caCert, { headers: { authorization: `Bearer ${token}` } });
    const refused = await at(arm, forged);
    expect(refused.status).toBe(401);
    expect(refused.json().error).toEqual({
      code: 'InvalidAuthenticationToken',
      message: 'The access token is invalid.',
    });
    expect(refused.headers['www-authenticate']).toMatch(/error="invalid_token"/);

    const graphToken = (await bearer(sandbox, 'graph')).authorization.slice(7);
    expect((await at(arm, graphToken)).json().error.code).toBe('InvalidAuthenticationTokenAudience');
    const graphRefusal = await at(`${sandbox.endpoints.graph}/v1.0/applications`, forged);
    expect(graphRefusal.json().error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token validation failure.',
    });
    const vaultRefusal = await at(`${sandbox.endpoints.keyVault}/secrets?api-version=7.6`, graphToken);
    expect(vaultRefusal.status).toBe(401);
    expect(vaultRefusal.json().error.message).toMatch(
      /^AKV10022: Invalid audience\. Expected https:\/\/vault\.azure\.net, found: https:\/\/graph\.microsoft\.com\.$/,
    );

    const fresh = (await bearer(sandbox)).authorization.slice(7);
    now += 2 * 60 * 60 * 1000;
    const expired = await at(arm, fresh);
    expect(expired.status).toBe(401);
    expect(expired.json().error.code).toBe('ExpiredAuthenticationToken');
    expect(expired.json().error.message).toMatch(
      /^The access token expiry UTC time '.+' is earlier than current UTC time '.+'\.$/,
    );
    expect(
      (
        await at(
          `${sandbox.endpoints.graph}/v1.0/applications`,
          (await bearer(sandbox, 'graph')).authorization.slice(7),
        )
      ).status,
    ).toBe(200);
  });

  it("shares Entra's signing key with another tenant's sandbox, as tenants do, and still refuses that tenant's tokens", async () => {
    const other = await startSandbox({ clock: { now: () => now } });
    try {
      const theirs = (await bearer(other)).authorization.slice(7);
      const ours = (await bearer(sandbox)).authorization.slice(7);
      // One key for every tenant (Entra's common JWKS): the signature alone would pass, so the tenant check must hold.
      expect(jwt.decode(theirs, { complete: true })?.header.kid).toBe(
        jwt.decode(ours, { complete: true })?.header.kid,
      );
      const refused = await httpsRequest(
        `${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}/resourcegroups?api-version=2025-04-01`,
        sandbox.caCert,
        { headers: { authorization: `Bearer ${theirs}` } },
      );
      expect(refused.status).toBe(401);
      expect(refused.json().error.code).toBe('InvalidAuthenticationTokenTenant');
    } finally {
      await other.stop();
    }
  });

  it('gives the orchestrator what the table grants through the SDK, and nothing to nobody', async () => {
    const asOrchestrator = new ResourceManagementClient(
      signInAs(sandbox, sandbox.principals.orchestrator),
      sandbox.subscriptionId,
      armClientOptions(sandbox),
    );
    expect(
      (await asOrchestrator.resourceGroups.createOrUpdate('rg-token', { location: 'eastus' })).name,
    ).toBe('rg-token');
    const asNobody = new ResourceManagementClient(
      signInAs(sandbox, sandbox.principals.nobody),
      sandbox.subscriptionId,
      armClientOptions(sandbox, { maxRetries: 0 }),
    );
    await expect(asNobody.resourceGroups.get('rg-token')).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
    });
  });
});
