// Secrets are read by name with the agent's identity, so no value ever sits in the job's template.
import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';

export interface SecretReader {
  /** The value, or undefined when the secret does not exist. */
  read(name: string): Promise<string | undefined>;
}

export function keyVaultSecretReader(
  vaultUrl: string,
  credential: TokenCredential,
  sandbox: boolean,
): SecretReader {
  const client = new SecretClient(vaultUrl, credential, {
    // The sandbox vault answers its challenge from 127.0.0.1, not *.vault.azure.net.
    ...(sandbox ? { disableChallengeResourceVerification: true } : {}),
    retryOptions: { maxRetries: 4 },
  });
  return {
    async read(name) {
      try {
        const secret = await client.getSecret(name);
        return secret.value;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw new Error(
          `could not read Key Vault secret "${name}" from ${vaultUrl}: ${error instanceof Error ? error.message : String(error)} — check the job identity has "Key Vault Secrets User" on the vault`,
        );
      }
    },
  };
}
