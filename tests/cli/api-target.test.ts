// Where CLI commands send requests: flags, then HAYMAKER_ENDPOINT/HAYMAKER_KEY, then ~/.haymaker.json, then the azd
// environment, then a local run, then the embedded default; a broken config file is a usage error that names the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../../cli/client/errors';
import { normalizeEndpoint, resolveApiTarget as resolveWithAzd } from '../../cli/client/target';
import { recordLocalEndpoint } from '../../cli/local/local-api';

// No azd project here: the azd lookup is its own test (azd-target.test.ts); this file covers everything else.
const noAzd = { azdEnvironment: async () => undefined };
const resolveApiTarget = (flags: { endpoint?: string; key?: string }, env: NodeJS.ProcessEnv) =>
  resolveWithAzd(flags, env, noAzd);

describe('API target', () => {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-target-'))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
  const writeConfig = (value: unknown) =>
    fs.writeFileSync(
      path.join(home, '.haymaker.json'),
      typeof value === 'string' ? value : JSON.stringify(value),
    );

  it.each([
    ['https://hm.azurewebsites.net', 'https://hm.azurewebsites.net/api/v1'],
    ['https://hm.azurewebsites.net/api/', 'https://hm.azurewebsites.net/api/v1'],
    ['http://127.0.0.1:7071/api/v1', 'http://127.0.0.1:7071/api/v1'],
  ])('normalizes %s', (given, expected) => expect(normalizeEndpoint(given)).toBe(expected));

  it('prefers flags, then the environment, then the config file, then the local default', async () => {
    writeConfig({ endpoint: 'https://file.example', key: 'file-key' });
    const env = { HOME: home, HAYMAKER_ENDPOINT: 'https://env.example', HAYMAKER_KEY: 'env-key' };
    expect(await resolveApiTarget({ endpoint: 'https://flag.example', key: 'flag-key' }, env)).toEqual({
      baseUrl: 'https://flag.example/api/v1',
      key: 'flag-key',
      source: 'flag',
    });
    expect(await resolveApiTarget({}, env)).toEqual({
      baseUrl: 'https://env.example/api/v1',
      key: 'env-key',
      source: 'environment',
    });
    expect(await resolveApiTarget({}, { HOME: home })).toEqual({
      baseUrl: 'https://file.example/api/v1',
      key: 'file-key',
      source: 'config file',
    });
    fs.rmSync(path.join(home, '.haymaker.json'));
    expect(
      await resolveApiTarget(
        {},
        { HOME: home, HAYMAKER_HOME: path.join(home, 'no-local-run'), HAYMAKER_PORT: '7999' },
      ),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:7999/api/v1',
      source: 'default',
    });
  });

  it('finds the endpoint and key a local run recorded, below everything set explicitly', async () => {
    const dataDir = path.join(home, 'data');
    recordLocalEndpoint(path.join(dataDir, 'sandbox'), 'http://127.0.0.1:7123');
    const recorded = JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox', 'local-api.json'), 'utf8')) as {
      key: string;
    };
    expect(fs.statSync(path.join(dataDir, 'sandbox', 'local-api.json')).mode & 0o077).toBe(0);
    const env = { HOME: home, HAYMAKER_HOME: dataDir };
    expect(await resolveApiTarget({}, env)).toEqual({
      baseUrl: 'http://127.0.0.1:7123/api/v1',
      key: recorded.key,
      source: 'local run',
    });
    expect((await resolveApiTarget({}, { ...env, HAYMAKER_ENDPOINT: 'https://env.example' })).source).toBe(
      'environment',
    );
    // The key survives a restart of the local host on another port.
    recordLocalEndpoint(path.join(dataDir, 'sandbox'), 'http://127.0.0.1:7124');
    expect(await resolveApiTarget({}, env)).toMatchObject({
      baseUrl: 'http://127.0.0.1:7124/api/v1',
      key: recorded.key,
    });
  });

  it('rejects a config file that is not JSON or has unknown keys, naming the file (usage error)', async () => {
    writeConfig('{endpoint:');
    await expect(resolveApiTarget({}, { HOME: home })).rejects.toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringContaining('.haymaker.json') }),
    );
    writeConfig({ endpoint: 'https://x.example', token: 'k' });
    await expect(resolveApiTarget({}, { HOME: home })).rejects.toThrow(CliError);
    await expect(
      resolveApiTarget(
        { endpoint: 'not a url' },
        { HOME: home, HAYMAKER_CONFIG: path.join(home, 'none.json') },
      ),
    ).rejects.toThrow(/absolute URL/);
  });
});
