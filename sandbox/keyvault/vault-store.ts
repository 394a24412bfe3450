import { randomBytes } from 'node:crypto';

export interface SecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  notBefore?: number;
  expires?: number;
  /** Unix seconds, as Key Vault reports them. */
  created: number;
  updated: number;
}

export interface DeletedSecret {
  versions: SecretVersion[];
  deletedDate: number;
  scheduledPurgeDate: number;
}

/** The vault's plain-JSON state (kept in the sandbox state store; it legitimately holds values). */
export interface VaultState {
  secrets: Record<string, SecretVersion[]>;
  deleted: Record<string, DeletedSecret>;
}

export interface SetSecretInput {
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  notBefore?: number;
  expires?: number;
}

export const RECOVERABLE_DAYS = 90;

export type VaultResult<T> =
  { ok: true; value: T } | { ok: false; status: 404 | 409; code: string; message: string; inner?: string };

/** Secret operations over the state; names are case-insensitive as in Key Vault. */
export class VaultStore {
  constructor(
    private readonly state: VaultState,
    private readonly nowSeconds: () => number,
  ) {}

  set(name: string, input: SetSecretInput): VaultResult<{ name: string; version: SecretVersion }> {
    const key = this.keyOf(name);
    if (this.findDeleted(name)) {
      return {
        ok: false,
        status: 409,
        code: 'Conflict',
        message: `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        inner: 'ObjectIsDeletedButRecoverable',
      };
    }
    const now = this.nowSeconds();
    const version: SecretVersion = {
      version: randomBytes(16).toString('hex'),
      value: input.value,
      contentType: input.contentType,
      tags: input.tags,
      enabled: input.enabled ?? true,
      notBefore: input.notBefore,
      expires: input.expires,
      created: now,
      updated: now,
    };
    const storedName = key ?? name;
    (this.state.secrets[storedName] ??= []).push(version);
    return { ok: true, value: { name: storedName, version } };
  }

  get(name: string, versionId?: string): VaultResult<{ name: string; version: SecretVersion }> {
    const key = this.keyOf(name);
    const versions = key ? this.state.secrets[key] : undefined;
    const version =
      versions &&
      (versionId
        ? versions.find((v) => v.version === versionId.toLowerCase())
        : versions[versions.length - 1]);
    if (!key || !version) return notFound(name, versionId);
    return { ok: true, value: { name: key, version } };
  }

  /** Latest version of every live secret, sorted by name. */
  list(): { name: string; version: SecretVersion }[] {
    return Object.keys(this.state.secrets)
      .sort()
      .map((name) => ({ name, version: this.state.secrets[name][this.state.secrets[name].length - 1] }));
  }

  versions(name: string): VaultResult<{ name: string; versions: SecretVersion[] }> {
    const key = this.keyOf(name);
    if (!key) return notFound(name);
    return { ok: true, value: { name: key, versions: this.state.secrets[key] } };
  }

  delete(name: string): VaultResult<{ name: string; deleted: DeletedSecret }> {
    const key = this.keyOf(name);
    if (!key) return notFound(name);
    const now = this.nowSeconds();
    const deleted: DeletedSecret = {
      versions: this.state.secrets[key],
      deletedDate: now,
      scheduledPurgeDate: now + RECOVERABLE_DAYS * 24 * 60 * 60,
    };
    delete this.state.secrets[key];
    this.state.deleted[key] = deleted;
    return { ok: true, value: { name: key, deleted } };
  }

  getDeleted(name: string): VaultResult<{ name: string; deleted: DeletedSecret }> {
    const found = this.findDeleted(name);
    if (!found) return deletedNotFound(name);
    return { ok: true, value: found };
  }

  listDeleted(): { name: string; deleted: DeletedSecret }[] {
    return Object.keys(this.state.deleted)
      .sort()
      .map((name) => ({ name, deleted: this.state.deleted[name] }));
  }

  recover(name: string): VaultResult<{ name: string; version: SecretVersion }> {
    const found = this.findDeleted(name);
    if (!found) return deletedNotFound(name);
    delete this.state.deleted[found.name];
    this.state.secrets[found.name] = found.deleted.versions;
    return {
      ok: true,
      value: { name: found.name, version: found.deleted.versions[found.deleted.versions.length - 1] },
    };
  }

  purge(name: string): VaultResult<null> {
    const found = this.findDeleted(name);
    if (!found) return deletedNotFound(name);
    delete this.state.deleted[found.name];
    return { ok: true, value: null };
  }

  private keyOf(name: string): string | undefined {
    const lower = name.toLowerCase();
    return Object.keys(this.state.secrets).find((k) => k.toLowerCase() === lower);
  }

  private findDeleted(name: string): { name: string; deleted: DeletedSecret } | undefined {
    const lower = name.toLowerCase();
    const key = Object.keys(this.state.deleted).find((k) => k.toLowerCase() === lower);
    return key ? { name: key, deleted: this.state.deleted[key] } : undefined;
  }
}

function notFound(name: string, version?: string): { ok: false; status: 404; code: string; message: string } {
  const what = version ? `${name}/${version}` : name;
  return {
    ok: false,
    status: 404,
    code: 'SecretNotFound',
    message: `A secret with (name/id) ${what} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.`,
  };
}

function deletedNotFound(name: string): { ok: false; status: 404; code: string; message: string } {
  return { ok: false, status: 404, code: 'SecretNotFound', message: `Deleted Secret not found: ${name}` };
}
