// Key Vault secrets for scenario principals. Soft delete is always on in Azure: a deleted name stays reserved until
// purged, so "set" recovers a soft-deleted name before writing, and "delete" purges where the vault allows it.
import { SecretClient } from '@azure/keyvault-secrets';
import type { TokenCredential } from '@azure/core-auth';
import { AdapterError, errorFacts, isNotFound, nextStepFor } from './errors';
import { withRetry, type RetryOptions } from './retry';

export interface KeyVaultContext {
  credential: TokenCredential;
  vaultUrl: string;
  retry?: RetryOptions;
  /** Delete/recover poll interval; the SDK default (2 s) is slow for tests. */
  pollIntervalInMs?: number;
  /** The sandbox vault is not on *.vault.azure.net; skip the challenge resource check there. */
  disableChallengeResourceVerification?: boolean;
  /** Extra trusted CA (PEM) for a private endpoint such as the sandbox. */
  tlsCa?: string;
}

export interface SecretInfo {
  name: string;
  tags: Record<string, string>;
  expiresOn?: string;
}

export interface SecretDeletion {
  deleted: boolean;
  purged: boolean;
  /** Why a purge did not happen (purge protection, permissions); absent when it did. */
  purgeSkippedReason?: string;
}

export interface SecretStore {
  /** Writes a new version; recovers the name first if it is soft-deleted. */
  set(
    name: string,
    value: string,
    options: { tags: Record<string, string>; expiresOn?: Date },
  ): Promise<void>;
  /** The value, for code that must hand it on (the agent); orchestration code never calls this. */
  get(name: string): Promise<{ value: string; info: SecretInfo } | undefined>;
  /** Metadata only: existence and tags, never the value. */
  getInfo(name: string): Promise<SecretInfo | undefined>;
  deleteAndPurge(name: string): Promise<SecretDeletion>;
  /** True while the name is soft-deleted (not yet purged). */
  isSoftDeleted(name: string): Promise<boolean>;
  listByPrefix(prefix: string): Promise<SecretInfo[]>;
}

/** 409 ObjectIsDeletedButRecoverable: the name belongs to a soft-deleted secret. */
const isSoftDeletedConflict = (error: unknown): boolean => errorFacts(error).status === 409;

export function createSecretStore(context: KeyVaultContext): SecretStore {
  const client = new SecretClient(context.vaultUrl, context.credential, {
    disableChallengeResourceVerification: context.disableChallengeResourceVerification,
    retryOptions: { maxRetries: 0 },
    ...(context.tlsCa ? { tlsOptions: { ca: context.tlsCa } } : {}),
  });
  const poll = { intervalInMs: context.pollIntervalInMs ?? 2000 };
  const hint = (error: unknown) => nextStepFor(error, "the 'Key Vault Secrets Officer' role on the vault");
  const where = (name: string) => `secret ${name} in ${context.vaultUrl}`;

  const toInfo = (p: { name: string; tags?: Record<string, string>; expiresOn?: Date }): SecretInfo => ({
    name: p.name,
    tags: p.tags ?? {},
    expiresOn: p.expiresOn?.toISOString(),
  });

  const isSoftDeleted = async (name: string): Promise<boolean> => {
    try {
      await withRetry(() => client.getDeletedSecret(name), context.retry);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw new AdapterError(`reading the deleted state of ${where(name)}`, error, hint(error));
    }
  };

  return {
    isSoftDeleted,

    async set(name, value, { tags, expiresOn }) {
      const write = () =>
        withRetry(
          () => client.setSecret(name, value, { tags, expiresOn, contentType: 'text/plain' }),
          context.retry,
        );
      try {
        await write();
      } catch (error) {
        if (!isSoftDeletedConflict(error))
          throw new AdapterError(`writing ${where(name)}`, error, hint(error));
        try {
          const poller = await withRetry(() => client.beginRecoverDeletedSecret(name, poll), context.retry);
          await poller.pollUntilDone();
          await write();
        } catch (recoverError) {
          throw new AdapterError(
            `recovering soft-deleted ${where(name)} before writing it`,
            recoverError,
            'purge the deleted secret (az keyvault secret purge) or grant recover permission',
          );
        }
      }
    },

    async get(name) {
      try {
        const secret = await withRetry(() => client.getSecret(name), context.retry);
        return { value: secret.value ?? '', info: toInfo(secret.properties) };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw new AdapterError(`reading ${where(name)}`, error, hint(error));
      }
    },

    async getInfo(name) {
      try {
        const secret = await withRetry(() => client.getSecret(name), context.retry);
        return toInfo(secret.properties);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw new AdapterError(`reading ${where(name)}`, error, hint(error));
      }
    },

    async deleteAndPurge(name) {
      let deleted = false;
      try {
        const poller = await withRetry(() => client.beginDeleteSecret(name, poll), context.retry);
        await poller.pollUntilDone();
        deleted = true;
      } catch (error) {
        if (!isNotFound(error)) throw new AdapterError(`deleting ${where(name)}`, error, hint(error));
      }
      try {
        await withRetry(() => client.purgeDeletedSecret(name), { ...context.retry, retryOnConflict: true });
        return { deleted, purged: true };
      } catch (error) {
        const { status, message } = errorFacts(error);
        // 404: nothing soft-deleted under the name (already purged, or never existed).
        if (status === 404) return { deleted, purged: true };
        // 403 on purge: purge protection or no purge permission; the secret stays soft-deleted until retention ends.
        if (status === 403) return { deleted, purged: false, purgeSkippedReason: message };
        throw new AdapterError(`purging ${where(name)}`, error, hint(error));
      }
    },

    async listByPrefix(prefix) {
      try {
        return await withRetry(async () => {
          const found: SecretInfo[] = [];
          for await (const p of client.listPropertiesOfSecrets())
            if (p.name.startsWith(prefix)) found.push(toInfo(p));
          return found;
        }, context.retry);
      } catch (error) {
        throw new AdapterError(
          `listing secrets starting with ${prefix} in ${context.vaultUrl}`,
          error,
          hint(error),
        );
      }
    },
  };
}
