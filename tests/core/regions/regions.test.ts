import { parseConfiguration } from '../../../core/config';
import { AZURE_REGIONS, isAzureRegion, pickRegion, regionSpread } from '../../../core/regions';

const BASE = {
  HAYMAKER_ENVIRONMENT: 'local',
  AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
  AZURE_SUBSCRIPTION_ID: '22222222-2222-2222-2222-222222222222',
  KEY_VAULT_URL: 'https://127.0.0.1:1/',
  SERVICE_BUS_NAMESPACE: 'sandbox.servicebus.windows.net',
  CONTAINER_APPS_RESOURCE_GROUP: 'rg',
  CONTAINER_APPS_JOB_NAME: 'job',
};

describe('Azure region names', () => {
  it('knows the regions of the committed list, by ARM name or display name, and nothing else', () => {
    expect(AZURE_REGIONS).toContain('eastus2');
    expect(AZURE_REGIONS).toContain('swedencentral');
    expect(isAzureRegion('West Europe')).toBe(true);
    expect(isAzureRegion('westeurope')).toBe(true);
    expect(isAzureRegion('westeurop')).toBe(false);
    expect(isAzureRegion('europe')).toBe(false);
    expect(new Set(AZURE_REGIONS).size).toBe(AZURE_REGIONS.length);
  });
});

describe('pickRegion', () => {
  it('is reproducible per seed and scenario, within the intersection', () => {
    const allowed = ['eastus2', 'westeurope', 'swedencentral'];
    const a = pickRegion(allowed, undefined, 'seed', 'compute-01-a');
    expect(pickRegion(allowed, undefined, 'seed', 'compute-01-a')).toEqual(a);
    expect(allowed).toContain((a as { region: string }).region);
    expect(pickRegion(allowed, ['westeurope', 'japaneast'], 'seed', 'x')).toEqual({ region: 'westeurope' });
  });

  it('gives a reason when the scenario supports none of the allowed regions', () => {
    const pick = pickRegion(['eastus2'], ['japaneast'], 'seed', 'x');
    expect(pick).toEqual({ reason: expect.stringMatching(/japaneast.*eastus2.*HAYMAKER_REGIONS/) });
  });

  it('counts scenarios per region', () => {
    expect(regionSpread(['westeurope', 'eastus2', 'westeurope', undefined])).toEqual({
      eastus2: 1,
      westeurope: 2,
    });
  });
});

describe('region settings', () => {
  it('defaults the allowed regions to AZURE_LOCATION alone', () => {
    const parsed = parseConfiguration({ ...BASE, AZURE_LOCATION: 'westeurope' });
    expect(parsed.ok && parsed.settings.regions).toEqual(['westeurope']);
  });

  it('reads HAYMAKER_REGIONS, normalised', () => {
    const parsed = parseConfiguration({ ...BASE, HAYMAKER_REGIONS: 'eastus2, West Europe' });
    expect(parsed.ok && parsed.settings.regions).toEqual(['eastus2', 'westeurope']);
  });

  it('refuses an unknown region in either setting with a clear configuration error', () => {
    const parsed = parseConfiguration({
      ...BASE,
      AZURE_LOCATION: 'mars1',
      HAYMAKER_REGIONS: 'eastus2,westeurop',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        { key: 'AZURE_LOCATION', message: expect.stringMatching(/"mars1" is not an Azure region name/) },
        {
          key: 'HAYMAKER_REGIONS',
          message: expect.stringMatching(/"westeurop" is not an Azure region name/),
        },
      ]),
    );
  });

  it('refuses a repeated region', () => {
    const parsed = parseConfiguration({ ...BASE, HAYMAKER_REGIONS: 'eastus2,EastUS2' });
    expect(!parsed.ok && parsed.issues).toEqual([
      { key: 'HAYMAKER_REGIONS', message: 'lists a region more than once' },
    ]);
  });
});
