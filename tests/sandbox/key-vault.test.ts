import { SecretClient } from '@azure/keyvault-secrets';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { SandboxLookups, SandboxService } from '../../sandbox/core/service';
import { createKeyVaultService } from '../../sandbox/keyvault';
import { httpsRequest } from './helpers/https-request';
import { bearer } from './helpers/tokens';

jest.setTimeout(30_000);

describe('Key Vault secrets with the real SecretClient', () => {
  let sandbox: Sandbox;
  let client: SecretClient;
  let lookups: SandboxLookups;
  // Captures the lookups other services (the job runner) read, as they would see them.
  const lookupSpy = (): SandboxService => ({
    name: 'lookup-spy',
    endpoint: 'keyVault',
    register: (_router, ctx) => {
      lookups = ctx.lookups;
    },
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createKeyVaultService, lookupSpy] });
    client = new SecretClient(sandbox.endpoints.keyVault, sandbox.credential, {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: sandbox.caCert },
      retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('answers a request without a token with the challenge the SDK expects', async () => {
    const res = await httpsRequest(`${sandbox.endpoints.keyVault}/secrets/x?api-version=7.6`, sandbox.caCert);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(
      /^Bearer authorization="https:\/\/login\.microsoftonline\.com\/[^"]+", resource="https:\/\/vault\.azure\.net"$/,
    );
  });

  it('sets a secret with tags and content type and reads it back, latest and by version', async () => {
    const first = await client.setSecret('sp-secret', 'value-1', {
      tags: { Owner: 'AzureHayMaker' },
      contentType: 'text/plain',
    });
    expect(first.value).toBe('value-1');
    expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
    expect(first.properties.tags).toEqual({ Owner: 'AzureHayMaker' });
    expect(first.properties.contentType).toBe('text/plain');
    const second = await client.setSecret('sp-secret', 'value-2');
    const latest = await client.getSecret('sp-secret');
    expect(latest.value).toBe('value-2');
    expect(latest.properties.version).toBe(second.properties.version);
    const old = await client.getSecret('sp-secret', { version: first.properties.version });
    expect(old.value).toBe('value-1');
    const versions: string[] = [];
    for await (const p of client.listPropertiesOfSecretVersions('sp-secret')) versions.push(p.version!);
    expect(versions.sort()).toEqual([first.properties.version, second.properties.version].sort());
  });

  it('reports a missing secret as 404 SecretNotFound', async () => {
    await expect(client.getSecret('never-set')).rejects.toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
    });
  });

  it('lists secrets across pages without their values', async () => {
    for (let i = 0; i < 30; i++) await client.setSecret(`page-${String(i).padStart(2, '0')}`, `v${i}`);
    const names: string[] = [];
    for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
    expect(names.filter((n) => n.startsWith('page-'))).toHaveLength(30);
    const pages: number[] = [];
    for await (const pageOf of client.listPropertiesOfSecrets().byPage({ maxPageSize: 10 }))
      pages.push(pageOf.length);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(names.length);
    const raw = await httpsRequest(
      `${sandbox.endpoints.keyVault}/secrets?api-version=7.6&maxresults=5`,
      sandbox.caCert,
      { headers: await bearer(sandbox, 'keyVault') },
    );
    const body = raw.json();
    expect(body.value).toHaveLength(5);
    expect(body.value.some((item: Record<string, unknown>) => 'value' in item)).toBe(false);
    expect(body.nextLink).toMatch(/\$skiptoken=/);
  });

  it('soft-deletes with the delete poller, refuses the name while deleted, recovers and purges', async () => {
    await client.setSecret('to-delete', 'gone-soon');
    const poller = await client.beginDeleteSecret('to-delete', { intervalInMs: 10 });
    const deleted = await poller.pollUntilDone();
    expect(deleted.name).toBe('to-delete');
    expect(deleted.recoveryId).toMatch(/\/deletedsecrets\/to-delete$/);
    expect(deleted.properties.deletedOn).toBeInstanceOf(Date);
    expect(deleted.properties.scheduledPurgeDate!.getTime()).toBeGreaterThan(Date.now());
    await expect(client.getSecret('to-delete')).rejects.toMatchObject({ statusCode: 404 });
    await expect(client.setSecret('to-delete', 'again')).rejects.toMatchObject({
      statusCode: 409,
      code: 'Conflict',
    });
    const fetched = await client.getDeletedSecret('to-delete');
    expect(fetched.name).toBe('to-delete');
    const deletedNames: string[] = [];
    for await (const d of client.listDeletedSecrets()) deletedNames.push(d.name);
    expect(deletedNames).toContain('to-delete');

    const recover = await client.beginRecoverDeletedSecret('to-delete', { intervalInMs: 10 });
    await recover.pollUntilDone();
    expect((await client.getSecret('to-delete')).value).toBe('gone-soon');

    await (await client.beginDeleteSecret('to-delete', { intervalInMs: 10 })).pollUntilDone();
    await client.purgeDeletedSecret('to-delete');
    await expect(client.getDeletedSecret('to-delete')).rejects.toMatchObject({ statusCode: 404 });
    await client.setSecret('to-delete', 'reused');
    expect((await client.getSecret('to-delete')).value).toBe('reused');
  });

  it('carries ObjectIsDeletedButRecoverable in the 409 body', async () => {
    await client.setSecret('conflict-me', 'x');
    await (await client.beginDeleteSecret('conflict-me', { intervalInMs: 10 })).pollUntilDone();
    const res = await httpsRequest(
      `${sandbox.endpoints.keyVault}/secrets/conflict-me?api-version=7.6`,
      sandbox.caCert,
      {
        method: 'PUT',
        headers: await bearer(sandbox, 'keyVault'),
        body: { value: 'y' },
      },
    );
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({
      error: {
        code: 'Conflict',
        message: expect.stringContaining('deleted but recoverable'),
        innererror: { code: 'ObjectIsDeletedButRecoverable' },
      },
    });
  });

  it('updates tags and content type of a version', async () => {
    const set = await client.setSecret('props', 'v');
    await client.updateSecretProperties('props', set.properties.version!, {
      tags: { a: 'b' },
      contentType: 'json',
    });
    const got = await client.getSecret('props');
    expect(got.properties.tags).toEqual({ a: 'b' });
    expect(got.properties.contentType).toBe('json');
  });

  it('resolves a secret identifier URL for the job runner, latest or by version', async () => {
    const first = await client.setSecret('job-secret', 'one');
    await client.setSecret('job-secret', 'two');
    const resolve = lookups.keyVaultSecretValue!;
    expect(resolve(`${sandbox.endpoints.keyVault}/secrets/job-secret`)).toBe('two');
    expect(resolve(first.properties.id!)).toBe('one');
    expect(resolve(`${sandbox.endpoints.keyVault}/secrets/absent`)).toBeUndefined();
    expect(resolve('not a url')).toBeUndefined();
  });

  it("recovers from a 429 with Retry-After and from a 503 through the SDK's own retry policy", async () => {
    await client.setSecret('flaky', 'steady');
    const statuses = (operation: string) =>
      sandbox
        .requestLog()
        .filter((e) => e.operation === operation)
        .map((e) => e.status);
    const before = { get: statuses('GetSecret').length, set: statuses('SetSecret').length };
    sandbox.faults.add({
      service: 'key-vault',
      operation: 'GetSecret',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 0,
    });
    sandbox.faults.add({
      service: 'key-vault',
      operation: 'SetSecret',
      kind: '503',
      times: 1,
      retryAfterSeconds: 0,
    });
    try {
      expect((await client.getSecret('flaky')).value).toBe('steady');
      await client.setSecret('flaky', 'still steady');
      expect(statuses('GetSecret').slice(before.get)).toEqual([429, 200]);
      expect(statuses('SetSecret').slice(before.set)).toEqual([503, 200]);
    } finally {
      sandbox.faults.clear();
    }
  });
});
