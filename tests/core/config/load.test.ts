// Loading configuration from its sources (environment > Key Vault > .env), and the NCRONTAB check of the schedules.
import { ConfigurationError, loadConfiguration, ncrontabProblem } from '../../../core/config';
import { REQUIRED } from './test-settings';

describe('configuration sources', () => {
  it('prefers environment over Key Vault over .env', async () => {
    const asked: string[] = [];
    const loaded = await loadConfiguration({
      env: { ...REQUIRED, AZURE_LOCATION: 'westeurope' },
      getSecret: async (name) => {
        asked.push(name);
        return ({ 'AZURE-LOCATION': 'northeurope', 'OPERATION-BURSTS': '4' } as Record<string, string>)[name];
      },
      dotenv: {
        path: '/x/.env',
        values: {
          AZURE_LOCATION: 'swedencentral',
          OPERATION_BURSTS: '2',
          OPERATIONS_WINDOW_MINUTES: '60',
          HAYMAKER_ENVIRONMENT: 'local',
        },
      },
    });
    expect(loaded.settings.location).toBe('westeurope');
    expect(loaded.settings.operationBursts).toBe(4);
    expect(loaded.settings.operationsWindowMinutes).toBe(60);
    expect(loaded.sources).toMatchObject({
      AZURE_LOCATION: 'environment',
      OPERATION_BURSTS: 'keyVault',
      OPERATIONS_WINDOW_MINUTES: 'dotenv',
      RUN_EXPIRY_HOURS: 'default',
    });
    // Keys the environment already sets are not looked up; `__` maps to Key Vault's `--`.
    expect(asked).not.toContain('AZURE-LOCATION'.replace('LOCATION', 'TENANT-ID'));
    expect(asked).toContain('ServiceBusConnection--fullyQualifiedNamespace');
  });

  it('reports Key Vault read failures together with invalid keys', async () => {
    const error = await loadConfiguration({
      env: { ...REQUIRED, OPERATION_BURSTS: 'many' },
      getSecret: async (name) => {
        if (name === 'AZURE-LOCATION') throw new Error('403 Forbidden');
        return undefined;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    const issues = (error as ConfigurationError).issues.map((i) => i.key).sort();
    expect(issues).toEqual(['AZURE_LOCATION', 'OPERATION_BURSTS']);
    expect((error as Error).message).toMatch(
      /could not read Key Vault secret "AZURE-LOCATION": 403 Forbidden/,
    );
  });

  it('warns when a .env file is used in production and stays quiet locally', async () => {
    const warnings: string[] = [];
    await loadConfiguration({
      env: REQUIRED,
      dotenv: { path: '/srv/.env', values: {} },
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/\/srv\/\.env.*production/);
    await loadConfiguration({
      env: { ...REQUIRED, HAYMAKER_ENVIRONMENT: 'local' },
      dotenv: { path: '/srv/.env', values: {} },
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toHaveLength(1);
  });
});

describe('NCRONTAB', () => {
  it('accepts the default schedules and rejects five-field cron', () => {
    expect(ncrontabProblem('0 0 0,6,12,18 * * *')).toBeUndefined();
    expect(ncrontabProblem('0 30 * * * *')).toBeUndefined();
    expect(ncrontabProblem('*/5 * * * *')).toMatch(/six fields/);
    expect(ncrontabProblem('0 0 25 * * *')).toMatch(/25 expected range 0-23/);
    expect(ncrontabProblem('0 30 9 * Jan Mon')).toBeUndefined();
  });

  it("rejects cron-parser's extensions that the Functions timer does not take", () => {
    for (const expression of ['0 0 0 L * *', '0 0 0 * * 1#2', '0 0 0 ? * *', '0 0 0 15W * *'])
      expect(ncrontabProblem(expression)).toMatch(/is not NCRONTAB/);
  });
});
