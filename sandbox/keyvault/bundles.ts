import { RECOVERABLE_DAYS, type DeletedSecret, type SecretVersion } from './vault-store';

/** Key Vault's JSON shapes (SecretBundle, SecretItem, DeletedSecretBundle) for one vault base URL. */
export function secretAttributes(v: SecretVersion): Record<string, unknown> {
  return stripUndefined({
    enabled: v.enabled,
    nbf: v.notBefore,
    exp: v.expires,
    created: v.created,
    updated: v.updated,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: RECOVERABLE_DAYS,
  });
}

export function secretBundle(
  base: string,
  name: string,
  v: SecretVersion,
  includeValue = true,
): Record<string, unknown> {
  return stripUndefined({
    value: includeValue ? v.value : undefined,
    contentType: v.contentType,
    id: `${base}/secrets/${name}/${v.version}`,
    attributes: secretAttributes(v),
    tags: v.tags,
  });
}

/** A list entry: the secret's id without a version, never its value. */
export function secretItem(
  base: string,
  name: string,
  v: SecretVersion,
  withVersion = false,
): Record<string, unknown> {
  return stripUndefined({
    contentType: v.contentType,
    id: withVersion ? `${base}/secrets/${name}/${v.version}` : `${base}/secrets/${name}`,
    attributes: secretAttributes(v),
    tags: v.tags,
  });
}

export function deletedSecretBundle(base: string, name: string, d: DeletedSecret): Record<string, unknown> {
  const latest = d.versions[d.versions.length - 1];
  return {
    recoveryId: `${base}/deletedsecrets/${name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    ...secretBundle(base, name, latest, false),
  };
}

export function deletedSecretItem(base: string, name: string, d: DeletedSecret): Record<string, unknown> {
  const latest = d.versions[d.versions.length - 1];
  return {
    recoveryId: `${base}/deletedsecrets/${name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    ...secretItem(base, name, latest),
  };
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
