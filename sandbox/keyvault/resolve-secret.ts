import type { VaultStore } from './vault-store';

/**
 * The current value behind a Key Vault secret identifier (`https://vault/secrets/NAME[/VERSION]`),
 * for the job runner's `keyVaultUrl` secret references; undefined when absent or disabled.
 */
export function secretValueByUrl(store: VaultStore, secretUrl: string): string | undefined {
  let path: string;
  try {
    path = new URL(secretUrl).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/secrets\/([^/]+)(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match) return undefined;
  const result = store.get(decodeURIComponent(match[1]), match[2] ? decodeURIComponent(match[2]) : undefined);
  return result.ok && result.value.version.enabled ? result.value.version.value : undefined;
}
