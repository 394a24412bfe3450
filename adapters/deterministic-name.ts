// RFC 4122 version-5 UUIDs: the same inputs always give the same name, so a retried or rewound activity PUTs the
// same role assignment instead of creating a second one (Bicep's guid(scope, principal, role) does the same).
import { createHash } from 'node:crypto';

/** HayMaker's fixed namespace. Never change it: every existing assignment name derives from it. */
const HAYMAKER_NAMESPACE = '2f1c6a55-3b8e-5b0e-9d8a-6f6c1b9e4a10';

export function uuidV5(name: string, namespace: string = HAYMAKER_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`namespace "${namespace}" is not a UUID`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function roleAssignmentName(scope: string, principalId: string, roleDefinitionId: string): string {
  return uuidV5(`${scope.toLowerCase()}|${principalId.toLowerCase()}|${roleDefinitionId.toLowerCase()}`);
}
