// What Azure computes for a new resource of a common type, so later steps' `--query` finds it
// (`addressSpace.addressPrefixes` of a vnet, a peering's state). Keyed by lower-case ARM type.
import { opt } from './args';
import type { CommandIo } from './io';

type Shape = (io: CommandIo, properties: Record<string, unknown>, id: string) => void;

const list = (io: CommandIo, name: string): string[] | undefined =>
  io.args.options.get(name)?.filter((v) => v.length > 0);

const shapes: Record<string, Shape> = {
  'microsoft.network/virtualnetworks': (io, p, id) => {
    delete p.addressPrefixes;
    delete p.subnetName;
    delete p.subnetPrefixes;
    p.addressSpace = { addressPrefixes: list(io, 'address-prefixes') ?? ['10.0.0.0/16'] };
    const subnet = opt(io.args, 'subnet-name');
    p.subnets = subnet
      ? [
          {
            id: `${id}/subnets/${subnet}`,
            name: subnet,
            addressPrefix: list(io, 'subnet-prefixes')?.[0] ?? '10.0.0.0/24',
            provisioningState: 'Succeeded',
          },
        ]
      : [];
  },
  'microsoft.network/privatednszones/a': (io, p) => {
    const addresses = list(io, 'ipv4-address') ?? [];
    delete p.ipv4Address;
    delete p.recordSetName;
    delete p.zoneName;
    p.aRecords = addresses.map((ipv4Address) => ({ ipv4Address }));
    p.ttl = Number(opt(io.args, 'ttl') ?? '3600');
  },
  'microsoft.network/virtualnetworks/subnets': (io, p) => {
    const prefixes = list(io, 'address-prefixes');
    delete p.addressPrefixes;
    if (prefixes) p.addressPrefix = prefixes[0];
  },
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': (io, p, id) => {
    const remote = opt(io.args, 'remote-vnet');
    delete p.remoteVnet;
    if (remote)
      p.remoteVirtualNetwork = {
        id: remote.startsWith('/') ? remote : `${id.split('/virtualNetworks/')[0]}/virtualNetworks/${remote}`,
      };
    p.peeringState = 'Connected';
    p.peeringSyncLevel = 'FullyInSync';
    for (const flag of [
      'allowVnetAccess',
      'allowForwardedTraffic',
      'allowGatewayTransit',
      'useRemoteGateways',
    ]) {
      if (typeof p[flag] === 'string') p[flag] = p[flag] === 'true';
    }
  },
};

/** Collections Azure always returns (empty until something is attached), so `length(subnets)` answers 0. */
const EMPTY_COLLECTIONS: Record<string, string[]> = {
  'microsoft.network/routetables': ['routes', 'subnets'],
  'microsoft.network/networksecuritygroups': ['securityRules', 'subnets', 'networkInterfaces'],
  'microsoft.network/natgateways': ['subnets', 'publicIpAddresses'],
  'microsoft.network/loadbalancers': [
    'frontendIPConfigurations',
    'backendAddressPools',
    'loadBalancingRules',
    'probes',
    'inboundNatRules',
  ],
  'microsoft.network/privateendpoints': [
    'privateLinkServiceConnections',
    'customDnsConfigs',
    'networkInterfaces',
  ],
  'microsoft.storage/storageaccounts': ['privateEndpointConnections'],
  'microsoft.keyvault/vaults': ['privateEndpointConnections'],
  'microsoft.cognitiveservices/accounts': ['privateEndpointConnections'],
};

export function shapeProperties(
  io: CommandIo,
  type: string,
  id: string,
  properties: Record<string, unknown>,
): void {
  for (const key of EMPTY_COLLECTIONS[type.toLowerCase()] ?? [])
    if (!(key in properties)) properties[key] = [];
  shapes[type.toLowerCase()]?.(io, properties, id);
}

/** Children Azure makes with their parent (a vnet's `--subnet-name`, an AKS cluster's first node pool): [id, properties]. */
export function impliedChildren(
  io: CommandIo,
  type: string,
  id: string,
  properties: Record<string, unknown>,
): [string, Record<string, unknown>][] {
  const t = type.toLowerCase();
  if (t === 'microsoft.network/virtualnetworks') {
    return ((properties.subnets as { id: string; addressPrefix: string }[] | undefined) ?? []).map((s) => [
      s.id,
      { addressPrefix: s.addressPrefix },
    ]);
  }
  if (t === 'microsoft.containerservice/managedclusters') {
    const pool = opt(io.args, 'nodepool-name') ?? 'nodepool1';
    return [
      [
        `${id}/agentPools/${pool}`,
        {
          count: Number(opt(io.args, 'node-count') ?? '3'),
          vmSize: opt(io.args, 'node-vm-size') ?? 'Standard_DS2_v2',
          mode: 'System',
        },
      ],
    ];
  }
  return [];
}
