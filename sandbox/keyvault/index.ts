export { createKeyVaultService } from './service';
export { secretValueByUrl } from './resolve-secret';
export { VaultStore, type VaultState, type SecretVersion } from './vault-store';
