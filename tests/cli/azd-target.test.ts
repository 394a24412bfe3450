// The deployed app from the azd environment: found only in an azd project with an environment, read with
// `azd env get-values --output json --no-prompt`, ranked below everything set explicitly and above a local run; its
// function key fetched with the user's Entra sign-in through ARM's listkeys, whose answer has the shape
// https://learn.microsoft.com/rest/api/appservice/webapps/listhostkeys documents ({masterKey, functionKeys, systemKeys}).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../cli/client/api-client';
import { readAzdEnvironment, type AzdRunner } from '../../cli/client/azd-environment';
import { fetchFunctionKey, listHostKeysUrl } from '../../cli/client/function-key';
import { resolveApiTarget } from '../../cli/client/target';
import { recordLocalEndpoint } from '../../cli/local/local-api';

const AZD_VALUES = {
  AZURE_ENV_NAME: 'alice',
  AZURE_FUNCTION_APP_URL: 'https://func-abc123.azurewebsites.net',
  AZURE_FUNCTION_APP_NAME: 'func-abc123',
  AZURE_RESOURCE_GROUP: 'rg-haymaker-alice',
  AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
  KEY_VAULT_NAME: 'kv-abc123',
};

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-azd-'));
  fs.writeFileSync(path.join(root, 'azure.yaml'), 'name: haymaker\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function recordingRunner(answer: () => string): AzdRunner & { calls: { cwd: string; args: string[] }[] } {
  const calls: { cwd: string; args: string[] }[] = [];
  const run = (async (cwd: string, args: string[]) => {
    calls.push({ cwd, args });
    return answer();
  }) as AzdRunner & { calls: typeof calls };
  run.calls = calls;
  return run;
}

describe('the azd environment', () => {
  it('is not looked for without an azd environment (no .azure/, no AZURE_ENV_NAME): azd is not even run', async () => {
    const run = recordingRunner(() => JSON.stringify(AZD_VALUES));
    expect(await readAzdEnvironment({}, root, run)).toBeUndefined();
    expect(run.calls).toEqual([]);
  });

  it('is read in the project folder above the current one, without prompting, for the named environment', async () => {
    fs.mkdirSync(path.join(root, '.azure'));
    const sub = path.join(root, 'docs');
    fs.mkdirSync(sub);
    const run = recordingRunner(() => JSON.stringify(AZD_VALUES));
    expect(await readAzdEnvironment({}, sub, run)).toMatchObject({
      AZURE_FUNCTION_APP_URL: AZD_VALUES.AZURE_FUNCTION_APP_URL,
    });
    expect(await readAzdEnvironment({ AZURE_ENV_NAME: 'alice' }, sub, run)).toBeDefined();
    expect(run.calls).toEqual([
      { cwd: root, args: ['env', 'get-values', '--output', 'json', '--no-prompt'] },
      {
        cwd: root,
        args: ['env', 'get-values', '--output', 'json', '--no-prompt', '--environment', 'alice'],
      },
    ]);
  });

  it('is skipped when azd fails, is missing, or the environment was never provisioned', async () => {
    fs.mkdirSync(path.join(root, '.azure'));
    const failing: AzdRunner = async () => {
      throw Object.assign(new Error('spawn azd ENOENT'), { code: 'ENOENT' });
    };
    expect(await readAzdEnvironment({}, root, failing)).toBeUndefined();
    expect(await readAzdEnvironment({}, root, async () => 'not json')).toBeUndefined();
    expect(
      await readAzdEnvironment({}, root, async () => JSON.stringify({ AZURE_ENV_NAME: 'new' })),
    ).toBeUndefined();
  });
});

describe('resolveApiTarget with an azd environment', () => {
  const home = () => path.join(root, 'home');
  const azd = async () => ({ ...AZD_VALUES });

  it('targets the deployed app with a key fetched by sign-in, below flags, environment and config file', async () => {
    const fetched: unknown[] = [];
    const deps = {
      cwd: root,
      azdEnvironment: azd,
      fetchKey: async (app: unknown) => (fetched.push(app), 'signed-in-key'),
    };
    expect(await resolveApiTarget({}, { HOME: home() }, deps)).toEqual({
      baseUrl: 'https://func-abc123.azurewebsites.net/api/v1',
      key: 'signed-in-key',
      source: 'azd environment',
    });
    expect(fetched).toEqual([
      {
        subscriptionId: AZD_VALUES.AZURE_SUBSCRIPTION_ID,
        resourceGroup: AZD_VALUES.AZURE_RESOURCE_GROUP,
        name: AZD_VALUES.AZURE_FUNCTION_APP_NAME,
      },
    ]);
    // A key the user gave wins over fetching one; an explicit endpoint wins over azd.
    expect(await resolveApiTarget({}, { HOME: home(), HAYMAKER_KEY: 'mine' }, deps)).toMatchObject({
      key: 'mine',
      source: 'azd environment',
    });
    expect(fetched).toHaveLength(1);
    expect(
      (await resolveApiTarget({}, { HOME: home(), HAYMAKER_ENDPOINT: 'https://x.example' }, deps)).source,
    ).toBe('environment');
  });

  it('ranks above a recorded local run, and goes on without a key when sign-in fails (saying how to get one)', async () => {
    const dataDir = path.join(root, 'data');
    recordLocalEndpoint(path.join(dataDir, 'sandbox'), 'http://127.0.0.1:7123');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const target = await resolveApiTarget(
        {},
        { HOME: home(), HAYMAKER_HOME: dataDir },
        {
          cwd: root,
          azdEnvironment: azd,
          fetchKey: async () => {
            throw new Error('AzureDeveloperCliCredential: please run azd auth login');
          },
        },
      );
      expect(target).toEqual({
        baseUrl: 'https://func-abc123.azurewebsites.net/api/v1',
        source: 'azd environment',
      });
      expect(String(stderr.mock.calls.map((c) => c[0]).join(''))).toMatch(
        /could not fetch a function key.*--key/,
      );
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('fetchFunctionKey', () => {
  let server: http.Server;
  let seen: { method?: string; url?: string; authorization?: string }[];
  let answer: { status: number; body: unknown };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => (seen = []));

  const app = { subscriptionId: 'sub-1', resourceGroup: 'rg-haymaker-alice', name: 'func-abc123' };
  const credential = {
    getToken: async (scope: string | string[]) => ({
      token: `token-for-${String(scope)}`,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
  };
  const arm = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('POSTs listkeys with an ARM token and takes the default function key, never the master key', async () => {
    answer = {
      status: 200,
      body: { masterKey: 'master-do-not-use', functionKeys: { default: 'function-default' }, systemKeys: {} },
    };
    expect(await fetchFunctionKey(app, { credential, armEndpoint: arm() })).toBe('function-default');
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/subscriptions/sub-1/resourceGroups/rg-haymaker-alice/providers/Microsoft.Web/sites/func-abc123/host/default/listkeys?api-version=2024-04-01',
        authorization: 'Bearer token-for-https://management.azure.com/.default',
      },
    ]);
    expect(listHostKeysUrl(app)).toMatch(/^https:\/\/management\.azure\.com\/subscriptions\/sub-1\//);
  });

  it('fails with the status when ARM refuses, and when there is no default key', async () => {
    answer = { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no listkeys action' } } };
    await expect(fetchFunctionKey(app, { credential, armEndpoint: arm() })).rejects.toThrow(
      /403.*AuthorizationFailed/,
    );
    answer = { status: 200, body: { masterKey: 'm', functionKeys: {}, systemKeys: {} } };
    await expect(fetchFunctionKey(app, { credential, armEndpoint: arm() })).rejects.toThrow(
      /no default function key/,
    );
  });

  it('signs in to a deployment with Entra: a token for the API app, sent as a bearer, no key fetched', async () => {
    const asked: string[] = [];
    const target = await resolveApiTarget(
      {},
      { HOME: path.join(root, 'home') },
      {
        cwd: root,
        azdEnvironment: async () => ({ ...AZD_VALUES, AZURE_API_CLIENT_ID: 'api-client-1' }),
        fetchKey: async () => {
          throw new Error('no key is fetched for a deployment with sign-in');
        },
        fetchToken: async (id) => (asked.push(id), 'entra-token'),
      },
    );
    expect(target).toMatchObject({
      baseUrl: 'https://func-abc123.azurewebsites.net/api/v1',
      source: 'azd environment',
    });
    expect(target.key).toBeUndefined();
    expect(await target.bearer!()).toBe('entra-token');
    expect(asked).toEqual(['api-client-1']);
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      await createApiClient({ ...target, baseUrl: `http://127.0.0.1:${port}/api/v1` }).get('/status');
    } finally {
      server.close();
    }
    expect(seen).toEqual(['Bearer entra-token']);
  });
});
