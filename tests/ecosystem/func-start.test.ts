// `func start` is a supported way to run the app, though no test machine can run Core Tools: what can be checked
// offline is checked here. The example local settings have the shape the Functions docs give local.settings.json
// (IsEncrypted, Values of strings, Host), pass the app's own configuration schema, and carry every app setting the
// Function App gets in Bicep or its local stand-in (LOCAL_STAND_INS, each with its reason); host.json, the npm
// scripts, the VS Code tasks and the devcontainer fit together.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_KEYS } from '../../core/config/keys';
import { parseConfiguration } from '../../core/config/schema';
import { DEFAULT_PACKAGE_DIR } from '../../packaging/app-package';

const repository = join(__dirname, '..', '..');
const text = (path: string) => readFileSync(join(repository, path), 'utf8');
const json = <T>(path: string) => JSON.parse(text(path)) as T;

interface LocalSettings {
  IsEncrypted: boolean;
  Values: Record<string, unknown>;
  Host?: { LocalHttpPort?: number };
}
const example = json<LocalSettings>('local.settings.example.json');

/** App settings of the Function App that `func start` replaces with a local equivalent, and why. */
const LOCAL_STAND_INS: Record<string, string> = {
  AzureWebJobsStorage__accountName:
    'AzureWebJobsStorage=UseDevelopmentStorage=true: host storage and task hub in Azurite',
  AzureWebJobsStorage__credential:
    'as above: Azurite takes the development connection string, not an identity',
  AzureWebJobsStorage__clientId: 'as above',
  ServiceBusConnection__credential:
    'locally an identity-based connection uses the developer sign-in (az/azd), not a managed identity',
  ServiceBusConnection__clientId: 'as above',
  AZURE_CLIENT_ID:
    'names the managed identity in Azure; locally DefaultAzureCredential uses your az/azd sign-in',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'no telemetry from a developer machine',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'as above',
  STORAGE_ACCOUNT_URL: 'STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true: reports go to Azurite locally',
  STORAGE_TABLE_URL: 'as above: the audit trail and ledger go to Azurite',
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type:
    "host.json's default provider (Azure Storage, here Azurite); docs/func-start.md shows the scheduler emulator",
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'only with the Durable Task Scheduler backend (see above)',
};

/** The `name:` of every entry in function-app.bicep's appSettings (the Bicep checks parse the same list). */
function bicepAppSettingNames(): string[] {
  const bicep = text('bicep/modules/function-app.bicep');
  const block = /appSettings: \[\n([^]*?)\n\s*\]/.exec(bicep)?.[1] ?? '';
  return [...block.matchAll(/\{ name: '([^']+)'/g)].map((m) => m[1]!);
}

describe('local.settings.example.json', () => {
  it('has the local.settings.json shape: IsEncrypted false, string Values, a node worker, Azurite storage', () => {
    expect(example.IsEncrypted).toBe(false);
    for (const [name, value] of Object.entries(example.Values))
      expect({ name, type: typeof value }).toEqual({ name, type: 'string' });
    expect(example.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(example.Values.AzureWebJobsStorage).toBe('UseDevelopmentStorage=true');
    expect(example.Host?.LocalHttpPort).toBe(7071);
  });

  it("passes the app's configuration schema as it is", () => {
    const parsed = parseConfiguration(example.Values as Record<string, string>);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it('carries every app setting Bicep gives the Function App, or its documented local stand-in', () => {
    const names = bicepAppSettingNames();
    expect(names.length).toBeGreaterThan(25);
    const missing = names.filter((n) => !(n in example.Values) && !(n in LOCAL_STAND_INS));
    expect(missing).toEqual([]);
    // No stale stand-in: each one replaces a setting Bicep really sets, and none is also set locally.
    for (const name of Object.keys(LOCAL_STAND_INS)) {
      expect({ name, inBicep: names.includes(name) }).toEqual({ name, inBicep: true });
      expect({ name, alsoLocal: name in example.Values }).toEqual({ name, alsoLocal: false });
    }
  });

  it('holds no secret: the only secret-bearing keys it sets are the public Azurite shortcut', () => {
    const secretKeys: string[] = CONFIGURATION_KEYS.filter((k) => 'secret' in k && k.secret).map(
      (k) => k.name,
    );
    expect(secretKeys.length).toBeGreaterThan(0);
    const secretValues = Object.entries(example.Values).filter(
      ([name, value]) =>
        (secretKeys.includes(name) || /AccountKey=|SharedAccessKey=|Password=/i.test(String(value))) &&
        value !== 'UseDevelopmentStorage=true',
    );
    expect(secretValues).toEqual([]);
    expect(text('.gitignore').split('\n')).toContain('local.settings.json');
  });
});

describe('the func start tooling', () => {
  it('host.json names the extension bundle v4 (4.32 or later carries the Durable Task Scheduler provider)', () => {
    const host = json<{ version: string; extensionBundle: { id: string; version: string } }>('host.json');
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle.id).toBe('Microsoft.Azure.Functions.ExtensionBundle');
    expect(host.extensionBundle.version).toMatch(/^\[4\.(\*|\d+\.\d+), 5\.0\.0\)$/);
  });

  it('npm run start:func builds first and starts the Core Tools host on the app entry', () => {
    const manifest = json<{ main: string; scripts: Record<string, string> }>('package.json');
    expect(manifest.main).toBe('dist/app/main.js');
    expect(manifest.scripts['start:func']).toBe('func start');
    expect(manifest.scripts['prestart:func']).toMatch(/npm run build/);
    expect(manifest.scripts.azurite).toMatch(/^azurite .*--disableTelemetry/);
  });

  it('VS Code starts func with the debugger port the launch configuration attaches to, and deploys the package', () => {
    const tasks = json<{
      tasks: {
        label: string;
        type: string;
        dependsOn?: string;
        options?: { env?: Record<string, string> };
      }[];
    }>('.vscode/tasks.json').tasks;
    const labels = tasks.map((t) => t.label);
    const func = tasks.find((t) => t.type === 'func')!;
    expect(labels).toContain(func.dependsOn);
    const port = /--inspect=(\d+)/.exec(func.options?.env?.languageWorkers__node__arguments ?? '')?.[1];
    const attach = json<{ configurations: { request: string; port?: number; preLaunchTask?: string }[] }>(
      '.vscode/launch.json',
    ).configurations.find((c) => c.request === 'attach');
    expect(attach?.port).toBe(Number(port));
    expect(attach?.preLaunchTask).toBe(func.label);
    const settings = json<Record<string, string>>('.vscode/settings.json');
    expect(settings['azureFunctions.deploySubpath']).toBe(DEFAULT_PACKAGE_DIR.split('\\').join('/'));
    expect(labels).toContain(settings['azureFunctions.preDeployTask']);
  });

  it('the devcontainer has Node 22, az, azd and Core Tools v4, and forwards the host and Azurite ports', () => {
    const container = json<{
      image: string;
      features: Record<string, unknown>;
      postCreateCommand: string;
      forwardPorts: number[];
    }>('.devcontainer/devcontainer.json');
    expect(container.image).toMatch(/typescript-node:\d+-22-/);
    expect(Object.keys(container.features)).toEqual(
      expect.arrayContaining([
        'ghcr.io/devcontainers/features/azure-cli:1',
        'ghcr.io/azure/azure-dev/azd:latest',
      ]),
    );
    expect(container.postCreateCommand).toMatch(/npm ci/);
    expect(container.postCreateCommand).toMatch(/azure-functions-core-tools@4/);
    expect(container.forwardPorts).toEqual(expect.arrayContaining([7071, 10000, 10001, 10002]));
  });
});
