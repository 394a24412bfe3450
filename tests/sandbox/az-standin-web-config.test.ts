// `az webapp|functionapp config …` and `az webapp log config` read and write the site's configuration documents as az
// does: app settings through POST config/appsettings/list and PUT config/appsettings, site config and access
// restrictions through config/web, logs through config/logs, so the Activity Log holds the writes and list actions.
import type { Sandbox } from '../../sandbox';
import type { ActivityLogRecord } from '../../sandbox/activitylog/events';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(90_000);

describe('az stand-in: web app configuration', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId } = standin;
  let sandbox: Sandbox;
  const g = ['-g', 'rg-standin', '-n', 'hm-cfg'];
  const site = () => `${rgId('rg-standin')}/providers/Microsoft.Web/sites/hm-cfg`;
  const operations = () =>
    (sandbox.state() as unknown as { activityLog: { events: ActivityLogRecord[] } }).activityLog.events
      .filter(
        (e) => e.status === 'Succeeded' && e.resourceId.toLowerCase().startsWith(`${site().toLowerCase()}/`),
      )
      .map((e) => `${e.operationName} ${e.resourceId.slice(site().length)}`);

  beforeAll(async () => {
    ({ sandbox } = standin);
    await loginAs(sandbox.principals.admin);
    await ok(
      'appservice',
      'plan',
      'create',
      '-n',
      'hm-cfg-plan',
      '-g',
      'rg-standin',
      '--sku',
      'B1',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    await ok('webapp', 'create', ...g, '--plan', 'hm-cfg-plan', '--tags', ...TAGS, '-o', 'none');
  });

  it('sets app settings by listing then replacing them, printing names with the values redacted', async () => {
    await ok('webapp', 'config', 'appsettings', 'set', ...g, '--settings', 'A=1', 'B=two', '-o', 'none');
    const printed = JSON.parse(
      await ok('webapp', 'config', 'appsettings', 'set', ...g, '--settings', 'B=three'),
    ) as {
      name: string;
      value: unknown;
    }[];
    expect(printed).toEqual([
      { name: 'A', value: null, slotSetting: false },
      { name: 'B', value: null, slotSetting: false },
    ]);
    expect(
      await ok('webapp', 'config', 'appsettings', 'list', ...g, '--query', "[?name=='B'].value", '-o', 'tsv'),
    ).toBe('three\n');
    expect(operations()).toEqual([
      'Microsoft.Web/sites/config/list/action /config/appsettings',
      'Microsoft.Web/sites/config/write /config/appsettings',
      'Microsoft.Web/sites/config/list/action /config/appsettings',
      'Microsoft.Web/sites/config/write /config/appsettings',
      'Microsoft.Web/sites/config/list/action /config/appsettings',
    ]);
  });

  it('writes site config and access restrictions into config/web, keeping what was there', async () => {
    await ok(
      'webapp',
      'config',
      'set',
      ...g,
      '--min-tls-version',
      '1.2',
      '--ftps-state',
      'Disabled',
      '-o',
      'none',
    );
    await ok(
      'webapp',
      'config',
      'access-restriction',
      'add',
      ...g,
      '--rule-name',
      'office',
      '--action',
      'Allow',
      '--ip-address',
      '203.0.113.0/24',
      '--priority',
      '100',
      '-o',
      'none',
    );
    await ok(
      'webapp',
      'config',
      'access-restriction',
      'add',
      ...g,
      '--rule-name',
      'tests',
      '--action',
      'Allow',
      '--service-tag',
      'ApplicationInsightsAvailability',
      '--priority',
      '200',
      '-o',
      'none',
    );
    await ok('webapp', 'config', 'access-restriction', 'remove', ...g, '--rule-name', 'office', '-o', 'none');
    expect(
      await ok(
        'webapp',
        'config',
        'access-restriction',
        'set',
        ...g,
        '--use-same-restrictions-for-scm-site',
        'true',
        '--query',
        'scmIpSecurityRestrictionsUseMain',
        '-o',
        'tsv',
      ),
    ).toBe('True\n');
    const shown = JSON.parse(await ok('webapp', 'config', 'access-restriction', 'show', ...g)) as {
      ipSecurityRestrictions: { name: string; tag: string }[];
    };
    expect(shown.ipSecurityRestrictions.map((r) => `${r.name}:${r.tag}`)).toEqual(['tests:ServiceTag']);
    expect(await ok('webapp', 'config', 'show', ...g, '--query', 'minTlsVersion', '-o', 'tsv')).toBe('1.2\n');
    expect(operations().filter((o) => o.endsWith('/config/web'))).toEqual(
      Array(5).fill('Microsoft.Web/sites/config/write /config/web'),
    );
  });

  it('turns on file-system web server logs as az writes them', async () => {
    expect(
      await ok(
        'webapp',
        'log',
        'config',
        ...g,
        '--docker-container-logging',
        'filesystem',
        '--query',
        'httpLogs.fileSystem.enabled',
        '-o',
        'tsv',
      ),
    ).toBe('True\n');
    expect(operations().pop()).toBe('Microsoft.Web/sites/config/write /config/logs');
  });

  it('fails for a missing site as Azure does, writing nothing', async () => {
    const r = await az(
      'webapp',
      'config',
      'appsettings',
      'set',
      '-g',
      'rg-standin',
      '-n',
      'hm-none',
      '--settings',
      'A=1',
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('ResourceNotFound');
  });
});
