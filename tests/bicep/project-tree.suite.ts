// The real bicep/ tree passes every rule, covers what issue 7 asks for, and the CLI exits 1 on violations.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bicepparamAsBicep, parseBicepSource } from '../../bicep/checks/parse';
import { appSettingsOf } from '../../bicep/checks/rules/app-settings';
import { secretShapedName } from '../../bicep/checks/rules/output-secrets';
import { PROJECT_CHECK_OPTIONS, runChecks } from '../../bicep/checks/run-checks';
import { propertyPath, resourceDeclarations } from '../../bicep/checks/syntax-tree';

const repository = join(__dirname, '..', '..');
const bicepRoot = join(repository, 'bicep');
const cli = join(repository, 'dist', 'bicep', 'checks', 'main.js');

const parseFile = (relativePath: string) =>
  parseBicepSource(readFileSync(join(bicepRoot, relativePath), 'utf8'), 'bicep');

describe('the project Bicep tree', () => {
  it('passes every rule', () => {
    const result = runChecks(bicepRoot, PROJECT_CHECK_OPTIONS);
    expect(result.violations).toEqual([]);
    expect(result.files).toEqual(
      expect.arrayContaining([
        'main.bicep',
        'main.bicepparam',
        'modules/function-app.bicep',
        'modules/agent-job.bicep',
      ]),
    );
  });

  it('turns network isolation on in the prod profile, off in dev, and passes it to every isolated service', () => {
    const params = parseBicepSource(
      bicepparamAsBicep(readFileSync(join(bicepRoot, 'main.bicepparam'), 'utf8')),
      'bicep',
    );
    const profiles = params
      .descendantsOfType('variable_declaration')
      .find((v) => v.namedChildren[0]?.text === 'profiles');
    const body = profiles?.namedChildren.find((c) => c.type === 'object');
    expect(propertyPath(body, 'prod', 'privateNetworking')?.text).toBe('true');
    expect(propertyPath(body, 'dev', 'privateNetworking')?.text).toBe('false');
    const main = readFileSync(join(bicepRoot, 'main.bicep'), 'utf8');
    expect(main).toMatch(/param privateNetworking bool = false/);
    // Each isolated service's module and the private endpoints take the switch.
    for (const module of ['storage', 'serviceBus', 'keyVault', 'network'])
      expect(main).toMatch(new RegExp(`module ${module} [^]*?privateNetworking: privateNetworking`));
    expect(main).toMatch(
      /module privateEndpoints '\.\/modules\/private-endpoints\.bicep' = if \(privateNetworking\)/,
    );
  });

  it('gives the agent job a manual trigger, a valid consumption shape by default and no secrets', () => {
    const job = resourceDeclarations(parseFile('modules/agent-job.bicep')).find(
      (r) => r.type === 'Microsoft.App/jobs',
    );
    expect(propertyPath(job?.body, 'properties', 'configuration', 'triggerType')?.text).toBe("'Manual'");
    expect(propertyPath(job?.body, 'properties', 'configuration', 'secrets')).toBeUndefined();
    const source = readFileSync(join(bicepRoot, 'modules', 'agent-job.bicep'), 'utf8');
    expect(source).toMatch(/param cpuCores string = '0\.5'/);
    expect(source).toMatch(/'0\.5': '1Gi'/);
  });

  it('sets only environment names the agent reads, including its identity and the scenario region', () => {
    // The agent's schema (agent-runtime/config/agent-config.ts) is the reader of the job's environment.
    const agentConfig = readFileSync(join(repository, 'agent-runtime', 'config', 'agent-config.ts'), 'utf8');
    const agentKeys = new Set([...agentConfig.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    expect(agentKeys.size).toBeGreaterThan(10);
    const job = resourceDeclarations(parseFile('modules/agent-job.bicep')).find(
      (r) => r.type === 'Microsoft.App/jobs',
    );
    const container = propertyPath(job?.body, 'properties', 'template', 'containers')?.namedChildren.find(
      (c) => c.type === 'object',
    );
    const envNames = (propertyPath(container, 'env')?.namedChildren ?? [])
      .filter((e) => e.type === 'object')
      .map((e) => propertyPath(e, 'name')?.text.replace(/'/g, '') ?? '');
    expect(envNames).toEqual(
      expect.arrayContaining(['AZURE_CLIENT_ID', 'AZURE_LOCATION', 'KEY_VAULT_URL', 'SERVICE_BUS_NAMESPACE']),
    );
    for (const name of envNames) expect(agentKeys).toContain(name);
    // No secret value or secret reference: the agent reads secrets from Key Vault by name.
    expect(envNames).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(ANTHROPIC_API_KEY|HAYMAKER_SP_SECRET)$/)]),
    );
  });

  it('names every role assignment guid(scope, principal, role) with a comment saying why (the table has the whys)', () => {
    for (const file of [
      'modules/role-assignments.bicep',
      'modules/subscription-roles.bicep',
      'modules/durable-task-scheduler.bicep',
    ]) {
      const lines = readFileSync(join(bicepRoot, file), 'utf8').split('\n');
      const assignments = resourceDeclarations(parseFile(file)).filter(
        (r) => r.type === 'Microsoft.Authorization/roleAssignments',
      );
      expect(assignments.length).toBeGreaterThan(0);
      for (const a of assignments) {
        expect(propertyPath(a.body, 'name')?.text).toMatch(
          /^guid\([^,]+, (principals\[g\.identity\]\.id|orchestratorPrincipalId), roleIds\[g\.role\]\)$/,
        );
        expect(lines[a.node.startPosition.row - 1]).toMatch(/^\/\/ /);
      }
    }
  });

  it('sets the Function App settings from core/config, none of them secret-shaped', () => {
    const site = resourceDeclarations(parseFile('modules/function-app.bicep')).find(
      (r) => r.type === 'Microsoft.Web/sites',
    );
    const names = appSettingsOf(site?.body)?.map((s) => s.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining([
        'KEY_VAULT_URL',
        'CONTAINER_APPS_JOB_NAME',
        'ServiceBusConnection__fullyQualifiedNamespace',
      ]),
    );
    expect(names).not.toContain('STORAGE_CONNECTION_STRING');
  });

  it('tells a vault name from a key in output names', () => {
    expect(secretShapedName('KEY_VAULT_URL')).toBeUndefined();
    expect(secretShapedName('storageAccountKey')).toBe('key');
    expect(secretShapedName('SERVICE_BUS_CONNECTION_STRING')).toBe('connection string');
  });

  it('CLI exits 0 on the project tree and 1 with the violations listed on a broken one', () => {
    expect(existsSync(cli)).toBe(true); // built by `npx tsc -p .` (npm test builds first)
    const ok = spawnSync(process.execPath, [cli], { encoding: 'utf8', timeout: 30_000 });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/0 violations/);
    const broken = spawnSync(process.execPath, [cli, join(__dirname, 'fixtures', 'key-vault')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/main\.bicep:\d+ \[key-vault\] .*enablePurgeProtection/);
  });
});
