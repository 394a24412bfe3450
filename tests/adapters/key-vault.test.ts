import { SecretClient } from '@azure/keyvault-secrets';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createKeyVaultService } from '../../sandbox/keyvault';
import { createSecretStore, type SecretStore } from '../../adapters/key-vault';
import { recordingRetry, type RecordingRetry } from './helpers/sandbox-context';

describe('Key Vault adapter against the sandbox', () => {
  let sandbox: Sandbox;
  let retry: RecordingRetry;
  let vault: SecretStore;
  const tags = { ExecutionId: 'run-kv-1', ExpiresAt: '2026-01-01T12:00:00.000Z' };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createKeyVaultService] });
  });
  beforeEach(() => {
    retry = recordingRetry();
    vault = createSecretStore({
      credential: sandbox.credential,
      vaultUrl: sandbox.endpoints.keyVault,
      tlsCa: sandbox.caCert,
      disableChallengeResourceVerification: true,
      pollIntervalInMs: 10,
      retry,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('writes a secret with run tags and reads its metadata without the value', async () => {
    await vault.set('scenario-sp-a-01-x-run00001-secret', 'abc1Q~value', { tags });
    const info = await vault.getInfo('scenario-sp-a-01-x-run00001-secret');
    expect(info).toEqual({ name: 'scenario-sp-a-01-x-run00001-secret', tags, expiresOn: undefined });
    expect(JSON.stringify(info)).not.toContain('abc1Q~value');
    expect((await vault.get('scenario-sp-a-01-x-run00001-secret'))?.value).toBe('abc1Q~value');
    expect(await vault.getInfo('scenario-sp-nothing-secret')).toBeUndefined();
  });

  it('deletes and purges, verifies the name is free, and a second delete is a no-op', async () => {
    await vault.set('scenario-sp-b-01-x-run00001-secret', 'v', { tags });
    expect(await vault.deleteAndPurge('scenario-sp-b-01-x-run00001-secret')).toEqual({
      deleted: true,
      purged: true,
    });
    expect(await vault.getInfo('scenario-sp-b-01-x-run00001-secret')).toBeUndefined();
    expect(await vault.isSoftDeleted('scenario-sp-b-01-x-run00001-secret')).toBe(false);
    expect(await vault.deleteAndPurge('scenario-sp-b-01-x-run00001-secret')).toEqual({
      deleted: false,
      purged: true,
    });
  });

  it('recovers a name left soft-deleted (409) before writing it again', async () => {
    await vault.set('scenario-sp-c-01-x-run00001-secret', 'old', { tags });
    // Delete without purge leaves the name reserved, as a crashed earlier attempt would.
    const raw = new SecretClient(sandbox.endpoints.keyVault, sandbox.credential, {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: sandbox.caCert },
    });
    await (
      await raw.beginDeleteSecret('scenario-sp-c-01-x-run00001-secret', { intervalInMs: 10 })
    ).pollUntilDone();
    expect(await vault.isSoftDeleted('scenario-sp-c-01-x-run00001-secret')).toBe(true);
    await vault.set('scenario-sp-c-01-x-run00001-secret', 'new', { tags });
    expect((await vault.get('scenario-sp-c-01-x-run00001-secret'))?.value).toBe('new');
  });

  it('lists only scenario secrets by prefix and survives throttling', async () => {
    await vault.set('anthropic-api-key', 'not-ours', { tags: {} });
    sandbox.faults.add({
      service: 'key-vault',
      operation: 'GetSecrets',
      kind: '429',
      times: 1,
      retryAfterSeconds: 2,
    });
    const names = (await vault.listByPrefix('scenario-sp-')).map((s) => s.name);
    sandbox.faults.clear();
    expect(names).not.toContain('anthropic-api-key');
    expect(names).toEqual(
      expect.arrayContaining(['scenario-sp-a-01-x-run00001-secret', 'scenario-sp-c-01-x-run00001-secret']),
    );
    expect(retry.waits).toEqual([2000]);
  });
});
