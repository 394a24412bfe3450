// Where ARM lets a subscription put things. A resource group in a region the subscription cannot use is refused with
// 400 LocationNotAvailableForResourceGroup, a resource with 400 LocationNotAvailableForResourceType; the message lists
// the regions that would work. Bodies as ARM answers them:
// - resource group: "The provided location 'chinanorth2' is not available for resource group. List of available
//   regions is 'eastasia,…'." (https://github.com/MicrosoftDocs/executable-docs/issues/74, 2024;
//   https://github.com/Azure/azure-cli/issues/16368)
// - resource: "The provided location 'eastus2euap' is not available for resource type
//   'Microsoft.Storage/storageAccounts'. List of available regions for the resource type is '…'."
//   (https://github.com/Azure/azure-rest-api-specs/pull/8577)
import { normaliseRegion } from '../../core/regions';
import { azureError, type SandboxResponse } from '../core/http';

/**
 * The regions of a standard subscription, in the order ARM listed them in the 2024 refusal quoted above, without the
 * EUAP canaries (they need an access request). Restricted regions (francesouth, germanynorth, norwaywest, …) are not
 * in it: a subscription needs an access request for them, so the sandbox refuses them too.
 */
export const SUBSCRIPTION_REGIONS = [
  'eastasia',
  'southeastasia',
  'australiaeast',
  'australiasoutheast',
  'brazilsouth',
  'canadacentral',
  'canadaeast',
  'switzerlandnorth',
  'germanywestcentral',
  'eastus2',
  'eastus',
  'centralus',
  'northcentralus',
  'francecentral',
  'uksouth',
  'ukwest',
  'centralindia',
  'southindia',
  'jioindiawest',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'mexicocentral',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'spaincentral',
  'swedencentral',
  'uaenorth',
  'westcentralus',
  'westeurope',
  'westus2',
  'westus',
  'southcentralus',
  'westus3',
  'southafricanorth',
  'australiacentral',
  'australiacentral2',
  'israelcentral',
  'westindia',
] as const;

const available: ReadonlySet<string> = new Set(SUBSCRIPTION_REGIONS);

/** Resources that are not in a region (DNS zones, action groups, Front Door…) say so with `global`. */
const GLOBAL = 'global';

export function resourceGroupLocationRefused(location: string): SandboxResponse | undefined {
  if (available.has(normaliseRegion(location))) return undefined;
  return azureError(
    400,
    'LocationNotAvailableForResourceGroup',
    `The provided location '${location}' is not available for resource group. List of available regions is '${SUBSCRIPTION_REGIONS.join(',')}'.`,
  );
}

export function resourceLocationRefused(location: string, resourceType: string): SandboxResponse | undefined {
  const name = normaliseRegion(location);
  if (name === GLOBAL || available.has(name)) return undefined;
  return azureError(
    400,
    'LocationNotAvailableForResourceType',
    `The provided location '${location}' is not available for resource type '${resourceType}'. List of available regions for the resource type is '${SUBSCRIPTION_REGIONS.join(',')}'.`,
  );
}
