// The names Azure Resource Manager accepts as a `location` for a resource group in the public cloud (physical
// regions only: no logical geographies such as `europe`, no EUAP canaries, no sovereign clouds).
// Sources:
// - https://learn.microsoft.com/azure/reliability/regions-list (the list of regions)
// - https://learn.microsoft.com/rest/api/resources/subscriptions/list-locations (`name` of each location; the
//   committed example is specification/resources/resource-manager/Microsoft.Resources/subscriptions/stable/
//   2022-12-01/examples/GetLocations.json in Azure/azure-rest-api-specs)
// - Azure SDK for .NET, sdk/core/Azure.Core/src/AzureLocation.cs (public cloud names, Azure/azure-sdk-for-net)
// - `az account list-locations -o table` output (https://gist.github.com/ausfestivus/04e55c7d80229069bf3bc75870630ec8)
//   for the regions opened after that SDK file (westus3, swedencentral, polandcentral, italynorth, …)
// A region opened later is added here; until then a setting naming it is refused as unknown.
export const AZURE_REGIONS = [
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'jioindiacentral',
  'jioindiawest',
  'koreacentral',
  'koreasouth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southeastasia',
  'southindia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
] as const;

export type AzureRegion = (typeof AZURE_REGIONS)[number];

const known: ReadonlySet<string> = new Set(AZURE_REGIONS);

/** ARM compares locations without case or spaces (`West Europe` is `westeurope`). */
export function normaliseRegion(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function isAzureRegion(location: string): boolean {
  return known.has(normaliseRegion(location));
}
