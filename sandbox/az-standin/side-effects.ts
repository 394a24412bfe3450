// What Azure does elsewhere when some resources are created: a private endpoint's DNS zone group
// writes the A record of the linked resource into the zone.
import { opt } from './args';
import type { CommandIo } from './io';
import type { ArmJson } from './resource-view';

export interface SideEffectApi {
  put(id: string, body: unknown): Promise<unknown>;
  get(id: string): Promise<ArmJson | undefined>;
}

export async function afterCreate(
  io: CommandIo,
  type: string,
  id: string,
  api: SideEffectApi,
): Promise<void> {
  if (type.toLowerCase() === 'microsoft.network/privateendpoints') return connectEndpoint(io, id, api);
  if (type.toLowerCase() !== 'microsoft.network/privateendpoints/privatednszonegroups') return;
  const endpoint = await api.get(id.replace(/\/privateDnsZoneGroups\/[^/]+$/i, ''));
  const target = String(endpoint?.properties?.privateConnectionResourceId ?? '');
  const zone = opt(io.args, 'private-dns-zone');
  if (!target || !zone) return;
  const zoneId = zone.startsWith('/')
    ? zone
    : `${id.split('/providers/')[0]}/providers/Microsoft.Network/privateDnsZones/${zone}`;
  const recordName = target.split('/').pop()!;
  await api.put(`${zoneId}/A/${recordName}`, {
    properties: { ttl: 10, aRecords: [{ ipv4Address: '10.0.0.4' }] },
  });
}

/** The target of a private endpoint lists the (auto-approved) connection, as Azure shows it. */
async function connectEndpoint(io: CommandIo, id: string, api: SideEffectApi): Promise<void> {
  const targetId = opt(io.args, 'private-connection-resource-id');
  const target = targetId ? await api.get(targetId) : undefined;
  if (!targetId || !target) return;
  const { id: _id, name: _name, type: _type, ...body } = target;
  const properties = { ...(target.properties ?? {}) };
  const connections = Array.isArray(properties.privateEndpointConnections)
    ? properties.privateEndpointConnections
    : [];
  properties.privateEndpointConnections = [
    ...connections,
    {
      id: `${targetId}/privateEndpointConnections/${id.split('/').pop()}`,
      properties: { privateEndpoint: { id }, privateLinkServiceConnectionState: { status: 'Approved' } },
    },
  ];
  await api.put(targetId, { ...body, properties });
}
