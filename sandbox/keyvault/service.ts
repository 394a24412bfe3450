import { z } from 'zod';
import { azureError, json, noContent, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { SandboxService } from '../core/service';
import { deletedSecretBundle, deletedSecretItem, secretBundle, secretItem } from './bundles';
import { keyVaultAuthentication } from '../entra/authenticate';
import { platformResources, PLATFORM_VAULT_NAME } from '../platform';
import { keyVaultRefusal } from './rbac';
import { secretValueByUrl } from './resolve-secret';
import { VaultStore, type VaultResult, type VaultState } from './vault-store';

const MAX_RESULTS = 25;

const setSecretBody = z.object({
  value: z.string(),
  contentType: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  attributes: z
    .object({ enabled: z.boolean().optional(), nbf: z.number().optional(), exp: z.number().optional() })
    .optional(),
});

const updateSecretBody = z.object({
  contentType: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  attributes: z
    .object({ enabled: z.boolean().optional(), nbf: z.number().optional(), exp: z.number().optional() })
    .optional(),
});

const secretName = /^[0-9a-zA-Z-]{1,127}$/;

/**
 * Key Vault secrets data plane for one vault at the endpoint's root (the SDK parses ids as
 * `<vault>/secrets/<name>/<version>`, so a vault cannot live under a path).
 */
export function createKeyVaultService(): SandboxService {
  return {
    name: 'key-vault',
    endpoint: 'keyVault',
    authenticate: (ctx) => keyVaultAuthentication(ctx.identity),
    register(router, ctx) {
      const state = ctx.state.area<VaultState>('keyVault', () => ({ secrets: {}, deleted: {} }));
      const store = new VaultStore(state, () => Math.floor(ctx.clock.now() / 1000));
      ctx.lookups.keyVaultSecretValue = (url) => secretValueByUrl(store, url);
      const vaultId = platformResources(ctx.subscriptions).scopes.keyVault;
      // Key Vault RBAC: every call is a data action on the vault or on one secret (Forbidden/ForbiddenByRbac).
      const may = (req: SandboxRequest, verb: string, secret?: string): SandboxResponse | undefined => {
        const action = `Microsoft.KeyVault/vaults/secrets/${verb}`;
        const scope = secret ? `${vaultId}/secrets/${secret}` : vaultId;
        const decision = ctx.authz.data(req, action, scope);
        return decision.allowed
          ? undefined
          : keyVaultRefusal(req, action, scope, PLATFORM_VAULT_NAME, ctx.location);
      };
      const purgeProtected = () =>
        ctx.lookups.armResourceProperties?.(vaultId)?.enablePurgeProtection === true;

      router.put('/secrets/{name}', 'SetSecret', (req) => {
        const denied = may(req, 'setSecret/action', req.params.name);
        if (denied) return denied;
        const bad = checkName(req.params.name);
        if (bad) return bad;
        const body = setSecretBody.safeParse(req.body);
        if (!body.success)
          return badParameter(
            `The request body of SetSecret is invalid: ${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}. Send {"value": "...", "contentType"?, "tags"?}.`,
          );
        const { value, contentType, tags, attributes } = body.data;
        return answer(
          store.set(req.params.name, {
            value,
            contentType,
            tags,
            enabled: attributes?.enabled,
            notBefore: attributes?.nbf,
            expires: attributes?.exp,
          }),
          (r) => secretBundle(req.baseUrl, r.name, r.version),
        );
      });
      router.get(
        '/secrets',
        'GetSecrets',
        (req) =>
          may(req, 'readMetadata/action') ??
          page(
            req,
            store.list().map((s) => secretItem(req.baseUrl, s.name, s.version)),
          ),
      );
      router.get('/secrets/{name}/versions', 'GetSecretVersions', (req) => {
        const denied = may(req, 'readMetadata/action', req.params.name);
        if (denied) return denied;
        const result = store.versions(req.params.name);
        return result.ok
          ? page(
              req,
              result.value.versions.map((v) => secretItem(req.baseUrl, result.value.name, v, true)),
            )
          : failure(result);
      });
      router.get(
        '/secrets/{name}',
        'GetSecret',
        (req) =>
          may(req, 'getSecret/action', req.params.name) ??
          answer(store.get(req.params.name), (r) => secretBundle(req.baseUrl, r.name, r.version)),
      );
      router.get(
        '/secrets/{name}/{version}',
        'GetSecret',
        (req) =>
          may(req, 'getSecret/action', req.params.name) ??
          answer(store.get(req.params.name, req.params.version), (r) =>
            secretBundle(req.baseUrl, r.name, r.version),
          ),
      );
      router.patch('/secrets/{name}/{version}', 'UpdateSecret', (req) => {
        const denied = may(req, 'update/action', req.params.name);
        if (denied) return denied;
        const body = updateSecretBody.safeParse(req.body ?? {});
        if (!body.success)
          return badParameter(
            'The request body of UpdateSecret is invalid: send {"contentType"?, "tags"?, "attributes"?}.',
          );
        return answer(store.get(req.params.name, req.params.version), (r) => {
          const { contentType, tags, attributes } = body.data;
          if (contentType !== undefined) r.version.contentType = contentType;
          if (tags !== undefined) r.version.tags = tags;
          if (attributes?.enabled !== undefined) r.version.enabled = attributes.enabled;
          if (attributes?.nbf !== undefined) r.version.notBefore = attributes.nbf;
          if (attributes?.exp !== undefined) r.version.expires = attributes.exp;
          r.version.updated = Math.floor(ctx.clock.now() / 1000);
          return secretBundle(req.baseUrl, r.name, r.version, false);
        });
      });
      router.delete(
        '/secrets/{name}',
        'DeleteSecret',
        (req) =>
          may(req, 'delete', req.params.name) ??
          answer(store.delete(req.params.name), (r) => deletedSecretBundle(req.baseUrl, r.name, r.deleted)),
      );
      router.get(
        '/deletedsecrets',
        'GetDeletedSecrets',
        (req) =>
          may(req, 'readMetadata/action') ??
          page(
            req,
            store.listDeleted().map((d) => deletedSecretItem(req.baseUrl, d.name, d.deleted)),
          ),
      );
      router.get(
        '/deletedsecrets/{name}',
        'GetDeletedSecret',
        (req) =>
          may(req, 'readMetadata/action', req.params.name) ??
          answer(store.getDeleted(req.params.name), (r) =>
            deletedSecretBundle(req.baseUrl, r.name, r.deleted),
          ),
      );
      router.delete('/deletedsecrets/{name}', 'PurgeDeletedSecret', (req) => {
        const denied = may(req, 'purge/action', req.params.name);
        if (denied) return denied;
        const deleted = store.getDeleted(req.params.name);
        if (!deleted.ok) return failure(deleted);
        if (purgeProtected())
          return json(403, {
            error: {
              code: 'Forbidden',
              message: `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: ${PLATFORM_VAULT_NAME};location=${ctx.location}`,
            },
          });
        const result = store.purge(req.params.name);
        return result.ok ? noContent() : failure(result);
      });
      router.post(
        '/deletedsecrets/{name}/recover',
        'RecoverDeletedSecret',
        (req) =>
          may(req, 'recover/action', req.params.name) ??
          answer(store.recover(req.params.name), (r) => secretBundle(req.baseUrl, r.name, r.version, false)),
      );
    },
  };
}

function answer<T>(result: VaultResult<T>, toBody: (value: T) => unknown): SandboxResponse {
  return result.ok ? json(200, toBody(result.value)) : failure(result);
}

function failure(result: { status: number; code: string; message: string; inner?: string }): SandboxResponse {
  const error: Record<string, unknown> = { code: result.code, message: result.message };
  if (result.inner) error.innererror = { code: result.inner };
  return json(result.status, { error });
}

function badParameter(message: string): SandboxResponse {
  return azureError(400, 'BadParameter', message);
}

function checkName(name: string): SandboxResponse | undefined {
  if (secretName.test(name)) return undefined;
  return badParameter(`The secret name '${name}' is invalid: use 1-127 letters, digits and dashes.`);
}

/** `maxresults` pages with a `$skiptoken` nextLink, as Key Vault pages its lists. */
function page(req: SandboxRequest, items: unknown[]): SandboxResponse {
  const requested = Number(req.query.get('maxresults') ?? MAX_RESULTS);
  const size = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_RESULTS) : MAX_RESULTS;
  const token = req.query.get('$skiptoken');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
  const value = items.slice(offset, offset + size);
  let nextLink: string | null = null;
  if (offset + size < items.length) {
    const apiVersion = encodeURIComponent(req.query.get('api-version') ?? '7.6');
    const skipToken = Buffer.from(String(offset + size)).toString('base64url');
    nextLink = `${req.baseUrl}${req.path}?api-version=${apiVersion}&$skiptoken=${skipToken}&maxresults=${size}`;
  }
  return json(200, { value, nextLink });
}
