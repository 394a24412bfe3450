// Each selected scenario gets one region, seeded, from the allowed regions (HAYMAKER_REGIONS) it supports; a scenario
// that supports none of them is refused with the reason, as an ungrantable one is.
import { createSelectScenarios } from '../../activities/select-scenarios';
import type { ScenarioSummary } from '../../activities/dependencies';
import { parseConfiguration, type HayMakerSettings } from '../../core/config';

const BASE = {
  HAYMAKER_ENVIRONMENT: 'local',
  AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
  AZURE_SUBSCRIPTION_ID: '22222222-2222-2222-2222-222222222222',
  KEY_VAULT_URL: 'https://127.0.0.1:1/',
  SERVICE_BUS_NAMESPACE: 'sandbox.servicebus.windows.net',
  CONTAINER_APPS_RESOURCE_GROUP: 'rg',
  CONTAINER_APPS_JOB_NAME: 'job',
};

function settings(extra: Record<string, string> = {}): HayMakerSettings {
  const parsed = parseConfiguration({ ...BASE, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.settings;
}

const scenario = (id: string, area: string, regions?: string[]): ScenarioSummary => ({
  id,
  area,
  title: id,
  enabled: true,
  operations: [],
  ...(regions ? { regions } : {}),
  grants: {
    resourceGroupTemplates: [`haymaker-${id.replace(/-/g, '').slice(0, 12)}-\${HAYMAKER_RUN_SHORT}`],
    roles: ['Contributor'],
    graphPermissions: [],
  },
});

const LIBRARY: ScenarioSummary[] = [
  scenario('compute-01-a', 'compute'),
  scenario('databases-01-b', 'databases'),
  scenario('networking-01-c', 'networking', ['westeurope']),
  scenario('security-01-d', 'security', ['japaneast']),
  scenario('web-apps-01-e', 'web-apps'),
  scenario('analytics-01-f', 'analytics', ['eastus2', 'westeurope']),
];

const select = (s: HayMakerSettings, library = LIBRARY) =>
  createSelectScenarios({ settings: s, scenarios: { list: async () => library } });

const REGIONS = 'eastus2,westeurope,swedencentral';

describe('selectScenarios: a seeded region per scenario', () => {
  it('picks the same region for the same seed, from the allowed list, honouring each declaration', async () => {
    const run = select(settings({ HAYMAKER_REGIONS: REGIONS }));
    const input = { runId: 'run0reg0-0001', request: { size: 'small' as const }, seed: 'seed-1' };
    const a = await run(input);
    const b = await run(input);
    expect(a).toEqual(b);
    expect(a.scenarioIds).toHaveLength(5);
    for (const id of a.scenarioIds) expect(REGIONS.split(',')).toContain(a.grants[id]!.region);
    expect(a.grants['networking-01-c']!.region).toBe('westeurope');
    expect(['eastus2', 'westeurope']).toContain(a.grants['analytics-01-f']!.region);
  });

  it('spreads the scenarios over the allowed regions across seeds (the seed decides)', async () => {
    const run = select(settings({ HAYMAKER_REGIONS: REGIONS }));
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = await run({
        runId: 'run0reg0-0002',
        request: { scenarioIds: ['compute-01-a'] },
        seed: `s${i}`,
      });
      seen.add(out.grants['compute-01-a']!.region!);
    }
    expect([...seen].sort()).toEqual(['eastus2', 'swedencentral', 'westeurope']);
  });

  it('refuses a scenario whose regions are none of the allowed ones, by size and by id, with the reason', async () => {
    const run = select(settings({ HAYMAKER_REGIONS: REGIONS }));
    const bySize = await run({ runId: 'run0reg0-0003', request: { size: 'small' }, seed: 'seed-2' });
    expect(bySize.scenarioIds).not.toContain('security-01-d');
    expect(bySize.refused).toEqual([
      {
        scenarioId: 'security-01-d',
        reasons: [expect.stringMatching(/japaneast.*none of the allowed regions/)],
      },
    ]);
    const byId = await run({
      runId: 'run0reg0-0003',
      request: { scenarioIds: ['security-01-d', 'compute-01-a'] },
      seed: 'seed-2',
    });
    expect(byId.scenarioIds).toEqual(['compute-01-a']);
    expect(byId.refused.map((r) => r.scenarioId)).toEqual(['security-01-d']);
    expect(byId.grants['security-01-d']).toBeUndefined();
  });

  it('without HAYMAKER_REGIONS every scenario goes to AZURE_LOCATION, as before', async () => {
    const run = select(settings({ AZURE_LOCATION: 'westeurope' }));
    const out = await run({ runId: 'run0reg0-0004', request: { size: 'small' }, seed: 'seed-3' });
    for (const id of out.scenarioIds) expect(out.grants[id]!.region).toBe('westeurope');
    // japaneast-only security-01-d is refused: westeurope is all that is allowed.
    expect(out.refused.map((r) => r.scenarioId)).toEqual(['security-01-d']);
  });
});
