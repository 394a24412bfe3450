// Network isolation of the platform (issue 17): where the project has a virtual network, Key Vault, Service Bus and
// Storage can refuse public traffic, behind a parameter, and are then reached through private endpoints with their
// privatelink DNS zones; the Function App joins the VNet to reach them. What the rule looks for, and why:
// - publicNetworkAccess on each vault, namespace and storage account is set and is not always 'Enabled' (a literal
//   'Enabled' means the switch is missing);
// - a Service Bus namespace that can go private can be Premium: IP rules, VNet rules and private endpoints are
//   Premium-only (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering);
// - a private endpoint for each service's group id (vault; namespace; blob, queue and table: the Functions host uses
//   all three) and its DNS zone (https://learn.microsoft.com/azure/private-link/private-endpoint-dns);
// - every Function App sets virtualNetworkSubnetId (without it the app cannot reach the private endpoints).
import type { BicepFile, SyntaxNode } from '../parse';
import type { Rule } from '../rule';
import type { Violation } from '../violation';
import { lineOf, literalString, propertyPath, resourceDeclarations } from '../syntax-tree';

const VNET = 'microsoft.network/virtualnetworks';
const PRIVATE_ENDPOINTS = 'microsoft.network/privateendpoints';
const DNS_ZONES = 'microsoft.network/privatednszones';

/** Per isolated type: the private endpoint group ids and DNS zones it needs. */
export const ISOLATED_TYPES: Readonly<Record<string, { groupIds: string[]; zones: string[] }>> = {
  'microsoft.keyvault/vaults': { groupIds: ['vault'], zones: ['privatelink.vaultcore.azure.net'] },
  'microsoft.servicebus/namespaces': {
    groupIds: ['namespace'],
    zones: ['privatelink.servicebus.windows.net'],
  },
  'microsoft.storage/storageaccounts': {
    groupIds: ['blob', 'queue', 'table'],
    zones: [
      'privatelink.blob.core.windows.net',
      'privatelink.queue.core.windows.net',
      'privatelink.table.core.windows.net',
    ],
  },
};

const SITES = 'microsoft.web/sites';

/** Every literal string in files that declare a resource of `type` (names often sit in a `var` list beside it). */
function literalsNear(files: readonly BicepFile[], type: string): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    if (!resourceDeclarations(f.root).some((r) => !r.existing && r.type.toLowerCase() === type)) continue;
    for (const node of f.root.descendantsOfType('string')) {
      const text = literalString(node);
      if (text !== undefined) out.add(text);
    }
  }
  return out;
}

const violation = (file: string, node: SyntaxNode, message: string): Violation => ({
  file,
  line: lineOf(node),
  rule: 'network-isolation',
  message,
});

export const networkIsolationRule: Rule = {
  name: 'network-isolation',
  description:
    'With a VNet in the project, Key Vault, Service Bus (Premium) and Storage can refuse public traffic behind a parameter, with a private endpoint and DNS zone each, and the Function App joins the VNet.',
  check: ({ files }) => {
    const hasVnet = files.some((f) =>
      resourceDeclarations(f.root).some((r) => !r.existing && r.type.toLowerCase() === VNET),
    );
    if (!hasVnet) return [];
    const groupIds = literalsNear(files, PRIVATE_ENDPOINTS);
    const zones = literalsNear(files, DNS_ZONES);
    const out: Violation[] = [];
    let isolated = false;
    for (const f of files) {
      for (const r of resourceDeclarations(f.root)) {
        const type = r.type.toLowerCase();
        const needs = ISOLATED_TYPES[type];
        if (r.existing || !needs) continue;
        isolated = true;
        const access = propertyPath(r.body, 'properties', 'publicNetworkAccess');
        if (!access)
          out.push(
            violation(
              f.file,
              r.node,
              `resource '${r.symbol}' (${r.type}) does not set publicNetworkAccess; switch it with the private-networking parameter`,
            ),
          );
        else if (literalString(access) === 'Enabled')
          out.push(
            violation(
              f.file,
              access,
              `resource '${r.symbol}' (${r.type}) always takes public traffic (publicNetworkAccess 'Enabled'); make it 'Disabled' behind the private-networking parameter`,
            ),
          );
        if (type === 'microsoft.servicebus/namespaces') {
          const sku = propertyPath(r.body, 'sku');
          if (!sku?.text.includes("'Premium'"))
            out.push(
              violation(
                f.file,
                sku ?? r.node,
                `Service Bus namespace '${r.symbol}' is never Premium: private endpoints and network rules need the Premium tier`,
              ),
            );
        }
        const missing = [
          ...needs.groupIds
            .filter((g) => !groupIds.has(g))
            .map((g) => `private endpoint for group id '${g}'`),
          ...needs.zones.filter((z) => !zones.has(z)).map((z) => `private DNS zone '${z}'`),
        ];
        if (missing.length > 0)
          out.push(
            violation(f.file, r.node, `resource '${r.symbol}' (${r.type}) has no ${missing.join(', no ')}`),
          );
      }
    }
    if (!isolated) return out;
    for (const f of files)
      for (const r of resourceDeclarations(f.root))
        if (
          !r.existing &&
          r.type.toLowerCase() === SITES &&
          !propertyPath(r.body, 'properties', 'virtualNetworkSubnetId')
        )
          out.push(
            violation(
              f.file,
              r.node,
              `site '${r.symbol}' sets no properties.virtualNetworkSubnetId: it cannot reach the private endpoints`,
            ),
          );
    return out;
  },
};
