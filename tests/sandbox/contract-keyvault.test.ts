import { startSandbox, type Sandbox } from '../../sandbox';
import { createKeyVaultService } from '../../sandbox/keyvault';
import { examplesRoot, loadExamples } from './helpers/examples';
import { bearer } from './helpers/tokens';
import { httpsRequest, type RawResponse } from './helpers/https-request';
import { shapeMismatches } from './helpers/shape';

jest.setTimeout(30_000);

interface Ctx {
  call: (method: string, path: string, body?: unknown) => Promise<RawResponse>;
}

interface OperationSpec {
  method: string;
  /** `{name}` is the example's secret name (made unique per example). */
  path: (name: string, p: Record<string, any>, state: { version?: string }) => string;
  body?: (p: Record<string, any>) => unknown;
  /** Creates what the example assumes exists; may remember the version it made. */
  prepare?: (name: string, ctx: Ctx, state: { version?: string }) => Promise<void>;
  query?: (p: Record<string, any>) => string;
}

async function setSecret(name: string, ctx: Ctx, state: { version?: string }): Promise<void> {
  const res = await ctx.call('PUT', `/secrets/${name}`, {
    value: 'contract-value',
    contentType: 'plainText',
    tags: { Owner: 'AzureHayMaker' },
  });
  if (res.status !== 200) throw new Error(`could not set secret ${name}: ${res.status} ${res.body}`);
  state.version = String(res.json().id).split('/').pop();
}

async function deleteSecret(ctx: Ctx, name: string): Promise<void> {
  const res = await ctx.call('DELETE', `/secrets/${name}`);
  if (res.status !== 200) throw new Error(`could not delete secret ${name}: ${res.status} ${res.body}`);
}

/** Key Vault operations by the examples' operationId (see SOURCES.md). */
const operations: Record<string, OperationSpec> = {
  SetSecret: { method: 'PUT', path: (n) => `/secrets/${n}`, body: (p) => p.parameters },
  GetSecret: { method: 'GET', path: (n, _p, s) => `/secrets/${n}/${s.version}`, prepare: setSecret },
  GetSecrets: {
    method: 'GET',
    path: () => '/secrets',
    query: (p) => (p.maxresults ? `&maxresults=${p.maxresults}` : ''),
    prepare: async (n, ctx, s) => {
      await setSecret(`${n}-a`, ctx, s);
      await setSecret(`${n}-b`, ctx, s);
    },
  },
  GetSecretVersions: { method: 'GET', path: (n) => `/secrets/${n}/versions`, prepare: setSecret },
  DeleteSecret: { method: 'DELETE', path: (n) => `/secrets/${n}`, prepare: setSecret },
  GetDeletedSecret: {
    method: 'GET',
    path: (n) => `/deletedsecrets/${n}`,
    prepare: async (n, ctx, s) => {
      await setSecret(n, ctx, s);
      await deleteSecret(ctx, n);
    },
  },
  GetDeletedSecrets: {
    method: 'GET',
    path: () => '/deletedsecrets',
    prepare: async (n, ctx, s) => {
      await setSecret(n, ctx, s);
      await deleteSecret(ctx, n);
    },
  },
  PurgeDeletedSecret: {
    method: 'DELETE',
    path: (n) => `/deletedsecrets/${n}`,
    prepare: async (n, ctx, s) => {
      await setSecret(n, ctx, s);
      await deleteSecret(ctx, n);
    },
  },
  RecoverDeletedSecret: {
    method: 'POST',
    path: (n) => `/deletedsecrets/${n}/recover`,
    prepare: async (n, ctx, s) => {
      await setSecret(n, ctx, s);
      await deleteSecret(ctx, n);
    },
  },
  UpdateSecret: {
    method: 'PATCH',
    path: (n, _p, s) => `/secrets/${n}/${s.version}`,
    body: (p) => p.parameters ?? {},
    prepare: setSecret,
  },
};

describe('Key Vault answers carry the fields and types of the official examples', () => {
  const examples = loadExamples(['keyvault-secrets']);
  let sandbox: Sandbox;
  let ctx: Ctx;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createKeyVaultService] });
    ctx = {
      call: async (method, path, body) =>
        httpsRequest(
          `${sandbox.endpoints.keyVault}${path}${path.includes('?') ? '&' : '?'}api-version=2026-04-01`,
          sandbox.caCert,
          {
            method,
            headers: await bearer(sandbox, 'keyVault'),
            body,
          },
        ),
    };
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it(`finds the shared Key Vault examples (${examplesRoot})`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  examples.forEach((example, index) => {
    const spec = operations[example.operationId];
    if (!spec) {
      it.todo(
        `${example.file}: map operation ${example.operationId} to a request in tests/sandbox/contract-keyvault.test.ts`,
      );
      return;
    }
    it(`${example.file} (${example.operationId})`, async () => {
      const p = example.parameters as Record<string, any>;
      // Unique per example: several examples use the same secret name for different operations.
      const name = `${String(p['secret-name'] ?? 'contract').replace(/[^0-9a-zA-Z-]/g, '-')}-${index}`;
      const state: { version?: string } = {};
      await spec.prepare?.(name, ctx, state);
      const path = spec.path(name, p, state);
      const query = spec.query?.(p) ?? '';
      const res = await ctx.call(spec.method, `${path}?x=1${query}`, spec.body?.(p));
      const [status, response] = Object.entries(example.responses).find(([s]) => s.startsWith('2')) ?? [
        '200',
        {},
      ];
      expect(res.status).toBe(Number(status));
      if (response.body === undefined) return;
      expect(shapeMismatches(response.body, res.json())).toEqual([]);
    });
  });
});
