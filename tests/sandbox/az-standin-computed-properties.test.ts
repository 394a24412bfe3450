import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(60_000);

describe('az stand-in: properties Azure computes', () => {
  const standin = useStandinSandbox();
  const { ok } = standin;

  it('answers the properties Azure computes: a vnet address space and first subnet, a peering state, a private endpoint connection', async () => {
    await ok(
      'network',
      'vnet',
      'create',
      '-n',
      'hm-hub',
      '-g',
      'rg-standin',
      '--address-prefixes',
      '10.80.0.0/22',
      '--subnet-name',
      'hub-common',
      '--subnet-prefixes',
      '10.80.0.0/24',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'show',
        '-n',
        'hm-hub',
        '-g',
        'rg-standin',
        '--query',
        "{space:join(',', addressSpace.addressPrefixes), subnets:length(subnets)}",
        '-o',
        'tsv',
      ),
    ).toBe('10.80.0.0/22\t1\n');
    // The first subnet is a real child: later steps update it by name.
    expect(
      await ok(
        'network',
        'vnet',
        'subnet',
        'show',
        '--vnet-name',
        'hm-hub',
        '-n',
        'hub-common',
        '-g',
        'rg-standin',
        '--query',
        'addressPrefix',
        '-o',
        'tsv',
      ),
    ).toBe('10.80.0.0/24\n');
    await ok(
      'network',
      'vnet',
      'peering',
      'create',
      '-n',
      'hub-to-spoke',
      '--vnet-name',
      'hm-hub',
      '-g',
      'rg-standin',
      '--remote-vnet',
      'hm-vnet',
      '--allow-vnet-access',
      'true',
      '-o',
      'none',
    );
    await ok(
      'network',
      'vnet',
      'peering',
      'update',
      '-n',
      'hub-to-spoke',
      '--vnet-name',
      'hm-hub',
      '-g',
      'rg-standin',
      '--set',
      'allowForwardedTraffic=true',
      '-o',
      'none',
    );
    expect(
      await ok(
        'network',
        'vnet',
        'peering',
        'show',
        '-n',
        'hub-to-spoke',
        '--vnet-name',
        'hm-hub',
        '-g',
        'rg-standin',
        '--query',
        '{s:peeringState, a:allowVnetAccess, f:allowForwardedTraffic}',
        '-o',
        'tsv',
      ),
    ).toBe('Connected\tTrue\tTrue\n');
    const account = (
      await ok(
        'storage',
        'account',
        'create',
        '-n',
        'hmst03',
        '-g',
        'rg-standin',
        '--tags',
        ...TAGS,
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(
      await ok(
        'storage',
        'account',
        'show',
        '--ids',
        account,
        '--query',
        'length(privateEndpointConnections)',
        '-o',
        'tsv',
      ),
    ).toBe('0\n');
    await ok(
      'network',
      'private-endpoint',
      'create',
      '-n',
      'hm-pe',
      '-g',
      'rg-standin',
      '--vnet-name',
      'hm-hub',
      '--subnet',
      'hub-common',
      '--private-connection-resource-id',
      account,
      '--group-id',
      'blob',
      '--connection-name',
      'c',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'storage',
        'account',
        'show',
        '--ids',
        account,
        '--query',
        'privateEndpointConnections[0].properties.privateLinkServiceConnectionState.status',
        '-o',
        'tsv',
      ),
    ).toBe('Approved\n');
  });
});
