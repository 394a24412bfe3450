export { AZURE_REGIONS, type AzureRegion, isAzureRegion, normaliseRegion } from './azure-regions';
export { pickRegion, regionSpread, type RegionPick } from './pick-region';
