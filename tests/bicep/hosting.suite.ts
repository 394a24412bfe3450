// Offline checks of how the app is hosted: the Durable Functions backend parameter (Azure Storage by default, the Durable
// Task Scheduler on request, wired to the app settings and a data role), the deployer taken from deployer() with the
// roles it needs (AcrPush, and Key Vault Secrets Officer for the one manual secret), and the one parameter file azd and
// the workflow share. Imported by bicep-checks.test.ts (tree-sitter wants one module registry per worker).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBicepSource } from '../../bicep/checks/parse';
import { grantsOf } from '../../core/authorization/identities-table';
import { roleIdOf } from '../../core/authorization/role-catalogue';

const rolesAt = (identity: string, scope: string) =>
  grantsOf(identity)
    .filter((g) => g.scope === scope)
    .map((g) => g.role);
import { appSettingsOf } from '../../bicep/checks/rules/app-settings';
import {
  literalString,
  parameterDeclarations,
  property,
  propertyPath,
  resourceDeclarations,
  topLevel,
} from '../../bicep/checks/syntax-tree';

const repository = join(__dirname, '..', '..');
const source = (file: string) => readFileSync(join(repository, 'bicep', file), 'utf8');
const parse = (file: string) =>
  parseBicepSource(source(file), file.endsWith('.bicepparam') ? 'bicepparam' : 'bicep');
const DURABLE_TASK_DATA_CONTRIBUTOR = '0ad04412-c4d5-4796-b79c-f76d14c8d402';

describe('the Durable Functions backend', () => {
  it('is a main.bicep parameter: Azure Storage by default, the Durable Task Scheduler when asked', () => {
    const backend = parameterDeclarations(parse('main.bicep')).find((p) => p.name === 'durableBackend');
    expect(literalString(backend?.defaultValue)).toBe('AzureStorage');
    expect(source('main.bicep')).toMatch(
      /@allowed\(\['AzureStorage', 'DurableTaskScheduler'\]\)\nparam durableBackend string = 'AzureStorage'/,
    );
    expect(source('main.bicep')).toMatch(
      /module durableTaskScheduler '\.\/modules\/durable-task-scheduler\.bicep' = if \(useDurableTaskScheduler\)/,
    );
    expect(source('main.bicep')).toMatch(
      /var useDurableTaskScheduler = durableBackend == 'DurableTaskScheduler'/,
    );
  });

  it('switches the app with host.json overrides: the provider type and its managed-identity connection', () => {
    const site = resourceDeclarations(parse('modules/function-app.bicep')).find(
      (r) => r.type === 'Microsoft.Web/sites',
    );
    const settings = propertyPath(site?.body, 'properties', 'siteConfig', 'appSettings')?.namedChildren ?? [];
    const valueOf = (name: string) =>
      property(
        settings.find((s) => literalString(property(s, 'name')) === name),
        'value',
      )?.text;
    expect(appSettingsOf(site?.body)?.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type',
        'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
      ]),
    );
    expect(valueOf('AzureFunctionsJobHost__extensions__durableTask__storageProvider__type')).toBe(
      "useDurableTaskScheduler ? 'azureManaged' : 'AzureStorage'",
    );
    expect(valueOf('DURABLE_TASK_SCHEDULER_CONNECTION_STRING')).toContain(
      'Authentication=ManagedIdentity;ClientID=${orchestratorClientId}',
    );
  });

  it('creates the scheduler, the task hub host.json names, and the orchestrator data role on it', () => {
    const resources = resourceDeclarations(parse('modules/durable-task-scheduler.bicep'));
    const byType = (type: string) => resources.find((r) => r.type === type);
    expect(byType('Microsoft.DurableTask/schedulers')?.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const hubName = (
      JSON.parse(readFileSync(join(repository, 'host.json'), 'utf8')) as {
        extensions: { durableTask: { hubName: string } };
      }
    ).extensions.durableTask.hubName;
    expect(source('modules/durable-task-scheduler.bicep')).toContain(
      `param taskHubName string = '${hubName}'`,
    );
    expect(byType('Microsoft.DurableTask/schedulers/taskHubs')).toBeDefined();
    // The role is a row of core/authorization/identities.json (scope symbol durableTaskHub); the module loops over those rows.
    const role = byType('Microsoft.Authorization/roleAssignments');
    expect(propertyPath(role?.body, 'scope')?.text).toBe('taskHub');
    expect(source('modules/durable-task-scheduler.bicep')).toMatch(
      /filter\(table\.roleAssignments, g => g\.scope == 'durableTaskHub' && g\.identity == 'orchestrator'\)/,
    );
    expect(rolesAt('orchestrator', 'durableTaskHub')).toEqual(['Durable Task Data Contributor']);
    expect(roleIdOf('Durable Task Data Contributor')).toBe(DURABLE_TASK_DATA_CONTRIBUTOR);
    // An empty allow list admits nobody (the scheduler's 403s even with the right role).
    expect(
      propertyPath(byType('Microsoft.DurableTask/schedulers')?.body, 'properties', 'ipAllowlist')?.text,
    ).toBe("['0.0.0.0/0']");
  });
});

describe('the deployer', () => {
  it('comes from deployer(), not from a parameter, with its principal type from the UPN only users have', () => {
    const names = parameterDeclarations(parse('main.bicep')).map((p) => p.name);
    expect(names).not.toContain('deployerPrincipalId');
    expect(names).not.toContain('deployerPrincipalType');
    expect(source('main.bicep')).toMatch(
      /var deployerPrincipalId = grantDeployerAccess \? deployer\(\)\.objectId : ''/,
    );
    expect(source('main.bicep')).toMatch(
      /var deployerPrincipalType = empty\(deployer\(\)\.userPrincipalName\) \? 'ServicePrincipal' : 'User'/,
    );
    expect(source('main.bicepparam')).not.toMatch(/deployerPrincipal/);
  });

  it('gets AcrPush on the registry and Key Vault Secrets Officer on the vault, to set the Anthropic key', () => {
    // Rows of core/authorization/identities.json; role-assignments.bicep deploys them with the deployer's principal id and type.
    expect(rolesAt('deployer', 'registry')).toEqual(['AcrPush']);
    expect(rolesAt('deployer', 'keyVault')).toEqual(['Key Vault Secrets Officer']);
    expect(source('modules/role-assignments.bicep')).toMatch(
      /deployer: \{ id: deployerPrincipalId, type: deployerPrincipalType \}/,
    );
    const assignments = resourceDeclarations(parse('modules/role-assignments.bicep')).filter(
      (r) => r.type === 'Microsoft.Authorization/roleAssignments',
    );
    expect(assignments.map((a) => propertyPath(a.body, 'scope')?.text)).toEqual(
      expect.arrayContaining(['registry', 'vault']),
    );
  });
});

describe('bicep/main.bicepparam, the one parameter file', () => {
  it('takes the environment from AZURE_ENV_NAME and a profile for dev, staging and prod', () => {
    const root = parse('main.bicepparam');
    const vars = topLevel(root, 'variable_declaration').map((v) => v.namedChildren[0]?.text);
    expect(vars).toEqual(expect.arrayContaining(['envName', 'profiles', 'profile']));
    expect(source('main.bicepparam')).toMatch(
      /var envName = readEnvironmentVariable\('AZURE_ENV_NAME', 'dev'\)/,
    );
    expect(source('main.bicepparam')).toMatch(/param environmentName = envName/);
  });
});
