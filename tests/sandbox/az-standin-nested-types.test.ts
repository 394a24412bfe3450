import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(60_000);

describe('az stand-in: nested types and arguments', () => {
  const standin = useStandinSandbox();
  const { az, ok, rgId, resource } = standin;

  it('builds nested types from the parent flags and lists children', async () => {
    await ok(
      'network',
      'vnet',
      'create',
      '-n',
      'hm-vnet',
      '-g',
      'rg-standin',
      '--address-prefixes',
      '10.0.0.0/16',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    const subnet = (
      await ok(
        'network',
        'vnet',
        'subnet',
        'create',
        '--vnet-name',
        'hm-vnet',
        '-n',
        'app',
        '-g',
        'rg-standin',
        '--address-prefixes',
        '10.0.1.0/24',
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(subnet).toBe(
      `${rgId('rg-standin')}/providers/Microsoft.Network/virtualNetworks/hm-vnet/subnets/app`,
    );
    expect(resource(subnet)?.type).toBe('Microsoft.Network/virtualNetworks/subnets');
    await ok(
      'network',
      'vnet',
      'subnet',
      'create',
      '--vnet-name',
      'hm-vnet',
      '-n',
      'data',
      '-g',
      'rg-standin',
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'subnet',
        'list',
        '--vnet-name',
        'hm-vnet',
        '-g',
        'rg-standin',
        '--query',
        'sort([].name)',
        '-o',
        'tsv',
      ),
    ).toBe('app\ndata\n');
    // A blob container needs blobServices/default, which Azure makes with the account.
    await ok(
      'storage',
      'account',
      'create',
      '-n',
      'hmst02',
      '-g',
      'rg-standin',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    const container = (
      await ok(
        'storage',
        'container-rm',
        'create',
        '--storage-account',
        'hmst02',
        '-n',
        'logs',
        '-g',
        'rg-standin',
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(resource(container)?.type).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    const orphan = await az(
      'network',
      'vnet',
      'subnet',
      'create',
      '--vnet-name',
      'no-such-vnet',
      '-n',
      'x',
      '-g',
      'rg-standin',
    );
    expect(orphan.exitCode).not.toBe(0);
    expect(orphan.stderr).toContain('ParentResourceNotFound');
  });

  it('treats --version after a command as an argument and finds a group-less data-plane target by name', async () => {
    await ok(
      'postgres',
      'flexible-server',
      'create',
      '--name',
      'hm-pg',
      '-g',
      'rg-standin',
      '--version',
      '16',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'postgres',
        'flexible-server',
        'show',
        '--name',
        'hm-pg',
        '-g',
        'rg-standin',
        '--query',
        'version',
        '-o',
        'tsv',
      ),
    ).toBe('16\n');
    await ok(
      'acr',
      'create',
      '--name',
      'hmacr01',
      '-g',
      'rg-standin',
      '--sku',
      'Basic',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect((await az('acr', 'repository', 'list', '--name', 'hmacr01', '-o', 'tsv')).exitCode).toBe(0);
    expect((await az('acr', 'repository', 'list', '--name', 'hmacr-missing')).exitCode).toBe(3);
  });
});
