import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

const root = join(__dirname, '..', '..');
const launcher = join(root, 'sandbox', 'az-standin', 'bin', 'az');

jest.setTimeout(60_000);

describe('az stand-in: output, identities, secrets, tags and the launcher', () => {
  const standin = useStandinSandbox();
  const { az, ok, state, rgId, resource } = standin;
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    ({ sandbox, env } = standin);
  });

  it('renders json, tsv, table and none output', async () => {
    await ok('identity', 'create', '-n', 'hm-id-out', '-g', 'rg-standin', '--tags', ...TAGS, '-o', 'none');
    const q = [
      'identity',
      'show',
      '-n',
      'hm-id-out',
      '-g',
      'rg-standin',
      '--query',
      '{name:name, location:location}',
    ];
    expect(await ok(...q, '-o', 'json')).toBe('{\n  "name": "hm-id-out",\n  "location": "eastus"\n}\n');
    expect(await ok(...q, '-o', 'tsv')).toBe('hm-id-out\teastus\n');
    expect(await ok(...q, '-o', 'table')).toBe(
      'name       location\n---------  --------\nhm-id-out  eastus\n',
    );
    expect(await ok(...q, '-o', 'none')).toBe('');
    expect(await ok('group', 'exists', '-n', 'rg-standin', '-o', 'tsv')).toBe('True\n');
    expect((await az(...q, '-o', 'xml')).exitCode).toBe(2);
  });

  it('creates, lists and deletes a role assignment for a new identity, resolving the role by name', async () => {
    const principal = (
      await ok(
        'identity',
        'create',
        '-n',
        'hm-id-ra',
        '-g',
        'rg-standin',
        '--tags',
        ...TAGS,
        '--query',
        'principalId',
        '-o',
        'tsv',
      )
    ).trim();
    expect(principal).toMatch(/^[0-9a-f-]{36}$/);
    const scope = rgId('rg-standin');
    const created = JSON.parse(
      await ok(
        'role',
        'assignment',
        'create',
        '--assignee-object-id',
        principal,
        '--assignee-principal-type',
        'ServicePrincipal',
        '--role',
        'Reader',
        '--scope',
        scope,
      ),
    );
    expect(created).toMatchObject({ principalId: principal, scope, roleDefinitionName: 'Reader' });
    const stored = Object.values(state().arm.roleAssignments).filter(
      (a) => a.properties.principalId === principal,
    );
    expect(stored.map((a) => a.properties.roleDefinitionId)).toEqual([
      expect.stringMatching(/acdd72a7-3385-48ef-bd42-f606fba81ae7$/),
    ]);
    expect(
      await ok(
        'role',
        'assignment',
        'list',
        '--assignee',
        principal,
        '--scope',
        scope,
        '--query',
        '[].roleDefinitionName',
        '-o',
        'tsv',
      ),
    ).toBe('Reader\n');
    await ok('role', 'assignment', 'delete', '--assignee', principal, '--role', 'Reader', '--scope', scope);
    expect(
      Object.values(state().arm.roleAssignments).filter((a) => a.properties.principalId === principal),
    ).toHaveLength(0);
    const unknownRole = await az(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      principal,
      '--role',
      'Galactic Overlord',
      '--scope',
      scope,
    );
    expect(unknownRole).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining("Role 'Galactic Overlord' doesn't exist."),
    });
  });

  it('creates and deletes Entra applications and service principals through Graph', async () => {
    const appId = (
      await ok('ad', 'app', 'create', '--display-name', 'hm-app-standin', '--query', 'appId', '-o', 'tsv')
    ).trim();
    expect(
      await ok('ad', 'app', 'list', '--display-name', 'hm-app-standin', '--query', '[0].appId', '-o', 'tsv'),
    ).toBe(`${appId}\n`);
    const spId = (await ok('ad', 'sp', 'create', '--id', appId, '--query', 'id', '-o', 'tsv')).trim();
    expect(
      await ok('ad', 'sp', 'list', '--display-name', 'hm-app-standin', '--query', '[0].id', '-o', 'tsv'),
    ).toBe(`${spId}\n`);
    await ok('ad', 'sp', 'delete', '--id', spId);
    await ok('ad', 'app', 'delete', '--id', appId);
    expect(await ok('ad', 'app', 'list', '--display-name', 'hm-app-standin', '-o', 'json')).toBe('[]\n');
    expect((await az('ad', 'app', 'delete', '--id', appId)).exitCode).not.toBe(0);
  });

  it('sets, shows and deletes Key Vault secrets on the data plane without logging the value', async () => {
    await ok(
      'keyvault',
      'secret',
      'set',
      '--vault-name',
      'hm-kv',
      '--name',
      'standin-secret',
      '--value',
      'v4lue-not-for-logs',
      '-o',
      'none',
    );
    expect(
      await ok(
        'keyvault',
        'secret',
        'show',
        '--vault-name',
        'hm-kv',
        '--name',
        'standin-secret',
        '--query',
        'value',
        '-o',
        'tsv',
      ),
    ).toBe('v4lue-not-for-logs\n');
    await ok(
      'keyvault',
      'secret',
      'delete',
      '--vault-name',
      'hm-kv',
      '--name',
      'standin-secret',
      '-o',
      'none',
    );
    expect(
      (await az('keyvault', 'secret', 'show', '--vault-name', 'hm-kv', '--name', 'standin-secret')).exitCode,
    ).toBe(3);
    expect(readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')).not.toContain('v4lue-not-for-logs');
  });

  it('tags through az resource tag and az tag update', async () => {
    await ok('network', 'nsg', 'create', '-n', 'hm-nsg', '-g', 'rg-standin', '--tags', ...TAGS, '-o', 'none');
    const id = `${rgId('rg-standin')}/providers/Microsoft.Network/networkSecurityGroups/hm-nsg`;
    await ok(
      'tag',
      'update',
      '--resource-id',
      id,
      '--operation',
      'Merge',
      '--tags',
      'costCenter=42',
      '-o',
      'none',
    );
    expect(resource(id)?.tags).toMatchObject({ costCenter: '42', ExecutionId: 'run-1' });
    await ok('resource', 'tag', '--ids', id, '--tags', 'tier=gold', '-o', 'none');
    expect(await ok('resource', 'show', '--ids', id, '--query', 'tags.tier', '-o', 'tsv')).toBe('gold\n');
    expect(
      await ok(
        'resource',
        'list',
        '-g',
        'rg-standin',
        '--tag',
        'tier=gold',
        '--query',
        '[].name',
        '-o',
        'tsv',
      ),
    ).toBe('hm-nsg\n');
  });

  it('answers an unknown command with a simulated {} and records it in the stand-in log', async () => {
    const r = await az('quantum', 'workspace', 'teleport', '--name', 'q1', '--resource-group', 'rg-standin');
    expect(r).toEqual({ exitCode: 0, stdout: '{}\n', stderr: '' });
    const entries = readFileSync(env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { args: string[]; outcome: string });
    expect(entries.at(-1)).toMatchObject({
      args: ['quantum', 'workspace', 'teleport', '--name', 'q1', '--resource-group', 'rg-standin'],
      outcome: 'simulated',
    });
    expect(entries.some((e) => e.outcome === 'sandbox')).toBe(true);
  });

  it('runs as the bin/az launcher from dist with the job env, exit code included', async () => {
    const main = join(root, 'dist', 'sandbox', 'az-standin', 'main.js');
    if (!existsSync(main)) throw new Error('dist/ is not built: run `npx tsc -p .` first');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          launcher,
          args,
          {
            env: { PATH: process.env.PATH, ...env, NODE_EXTRA_CA_CERTS: sandbox.caCertPath },
            timeout: 30_000,
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    expect(await run(['group', 'show', '-n', 'rg-standin', '--query', 'name', '-o', 'tsv'])).toEqual({
      code: 0,
      stdout: 'rg-standin\n',
      stderr: '',
    });
    const missing = await run(['group', 'show', '-n', 'rg-nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('ERROR: (ResourceGroupNotFound)');
    const noSandbox = await new Promise<number>((resolve) =>
      execFile(launcher, ['group', 'list'], { env: { PATH: process.env.PATH }, timeout: 30_000 }, (e) =>
        resolve(e ? Number((e as { code?: number }).code) : 0),
      ),
    );
    expect(noSandbox).toBe(1);
  });
});
