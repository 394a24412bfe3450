// Each policy rule against a fixture that breaks it: the rule must report the break (file, line, rule), and the
// fixture must break nothing else, so a rule that goes quiet or over-reports fails here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigurationKey } from '../../core/config/keys';
import type { CheckOptions } from '../../bicep/checks/rule';
import { LOAD_JSON_CONTENT_MAX_CHARACTERS } from '../../bicep/checks/rules/load-json-content';
import { runChecks } from '../../bicep/checks/run-checks';
import type { Violation } from '../../bicep/checks/violation';

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

function check(name: string, options: CheckOptions = {}): Violation[] {
  return runChecks(fixture(name), options).violations;
}

const where = (violations: Violation[]): string[] => violations.map((v) => `${v.rule} ${v.file}:${v.line}`);

describe('bicep policy rules', () => {
  it('reports syntax errors with their line in .bicep and .bicepparam files', () => {
    const violations = check('syntax-error');
    expect(where(violations)).toEqual(
      expect.arrayContaining(['syntax broken.bicep:7', 'syntax broken.bicepparam:3']),
    );
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(['syntax']));
  });

  it('reports a tracked resource without tags and ignores a role assignment, which takes none', () => {
    expect(where(check('untagged'))).toEqual(['tags main.bicep:10']);
  });

  it('reports a missing API version, an unlisted preview and an undated version, existing resources included', () => {
    const violations = check('api-versions');
    expect(where(violations)).toEqual([
      'api-versions main.bicep:10',
      'api-versions main.bicep:16',
      'api-versions main.bicep:22',
    ]);
    expect(violations[1].message).toContain('preview');
  });

  it('reports storage below TLS 1.2 and a Service Bus namespace with no TLS minimum', () => {
    const violations = check('tls');
    expect(where(violations)).toEqual(['tls main.bicep:11', 'tls main.bicep:16']);
    expect(violations[0].message).toContain("is 'TLS1_0'");
    expect(violations[1].message).toContain('minimumTlsVersion is not set');
  });

  it('reports a Key Vault without RBAC authorization and with purge protection off', () => {
    const messages = check('key-vault').map((v) => `${v.rule}: ${v.message}`);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^key-vault: .*enableRbacAuthorization is not set/);
    expect(messages[1]).toMatch(/^key-vault: .*enablePurgeProtection is false/);
  });

  it('reports a storage account that allows public blob access', () => {
    expect(where(check('storage-public-access'))).toEqual(['storage-public-access main.bicep:11']);
  });

  it('reports an API sign-in that lets anonymous callers through', () => {
    expect(where(check('api-sign-in'))).toEqual(['api-sign-in main.bicep:21', 'api-sign-in main.bicep:22']);
  });

  it('reports a platform resource without a diagnostic setting when the project has a workspace', () => {
    expect(where(check('diagnostic-settings'))).toEqual(['diagnostic-settings main.bicep:26']);
  });

  it('reports each missing piece of network isolation once the project has a VNet', () => {
    const violations = check('network-isolation');
    expect(where(violations)).toEqual([
      'network-isolation main.bicep:22',
      'network-isolation main.bicep:31',
      'network-isolation main.bicep:39',
      'network-isolation main.bicep:88',
    ]);
    expect(violations[0]!.message).toContain("publicNetworkAccess 'Enabled'");
    expect(violations[1]!.message).toContain('never Premium');
    expect(violations[2]!.message).toBe(
      "resource 'storage' (Microsoft.Storage/storageAccounts) has no private endpoint for group id 'queue', no private endpoint for group id 'table', no private DNS zone 'privatelink.table.core.windows.net'",
    );
    expect(violations[3]!.message).toContain('virtualNetworkSubnetId');
    // Without a VNet the rule asks nothing (fixtures of other rules declare vaults and accounts with no switch).
    expect(check('key-vault').filter((v) => v.rule === 'network-isolation')).toEqual([]);
  });

  it('reports alerts that name no action group', () => {
    expect(where(check('alert-actions'))).toEqual([
      'alert-actions main.bicep:39',
      'alert-actions main.bicep:43',
    ]);
  });

  it('reports a site that is not HTTPS-only', () => {
    expect(where(check('https-only'))).toEqual(['https-only main.bicep:10']);
  });

  it('reports outputs named like secrets or calling list*(), and accepts names and KEY_VAULT_URL', () => {
    const violations = check('output-secrets');
    expect(where(violations)).toEqual([
      'output-secrets outputs.bicep:20',
      'output-secrets outputs.bicep:21',
      'output-secrets outputs.bicep:22',
      'output-secrets outputs.bicep:23',
    ]);
    expect(violations[2].message).toContain('listKeys()');
  });

  it('reports main.bicep outputs that are not UPPER_SNAKE', () => {
    const violations = check('output-names');
    expect(where(violations)).toEqual(['output-names main.bicep:3']);
    expect(violations[0].message).toContain('FUNCTION_APP_NAME');
  });

  it('reports a module path and a using path that do not exist, and skips registry modules', () => {
    const violations = check('module-paths');
    expect(where(violations)).toEqual(['module-paths main.bicep:5', 'module-paths params.bicepparam:1']);
    expect(violations[0].message).toContain('./modules/absent.bicep');
  });

  it('reports a missing required parameter, an undeclared one and a missing environment file', () => {
    const violations = check('parameter-files', { requiredEnvironments: ['dev', 'staging', 'prod'] });
    const messages = violations.map((v) => `${v.file}:${v.line} ${v.message}`);
    expect(violations.every((v) => v.rule === 'parameter-files')).toBe(true);
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^main\.bicep:1 no parameters\/prod\.bicepparam/),
        expect.stringMatching(/^parameters\/dev\.bicepparam:1 required parameter 'location'/),
        expect.stringMatching(/^parameters\/dev\.bicepparam:4 parameter 'colour' is not declared/),
      ]),
    );
  });

  it('reports app settings that are unknown, secret-bearing or duplicated, and configuration keys left unset', () => {
    const violations = check('app-settings');
    const messages = violations.map((v) => v.message);
    expect(violations.every((v) => v.rule === 'app-settings')).toBe(true);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("'SERVICE_BUS_QEUE' is not a key core/config reads"),
        expect.stringContaining("'STORAGE_CONNECTION_STRING' carries a secret"),
        expect.stringContaining("'AZURE_TENANT_ID' is set twice"),
        expect.stringContaining("does not set 'KEY_VAULT_URL'"),
        expect.stringContaining("does not set 'SERVICE_BUS_QUEUE'"),
      ]),
    );
    // Host settings and keys deliberately left unset in Azure are not reported.
    expect(messages.join('\n')).not.toMatch(
      /AzureWebJobsStorage__accountName|'SERVICE_BUS_ENDPOINT'|'HAYMAKER_REPORTS_DIR'/,
    );
  });

  it('compares app settings with the key list it is given, so a new configuration key fails the check', () => {
    const keys: ConfigurationKey[] = [
      { name: 'AZURE_TENANT_ID', required: true, description: 't' },
      { name: 'A_NEW_KEY', description: 'added to core/config without touching the Bicep' },
    ];
    const messages = check('app-settings', { configurationKeys: keys }).map((v) => v.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining("does not set 'A_NEW_KEY'")]));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("'STORAGE_CONNECTION_STRING' is not a key core/config reads"),
      ]),
    );
  });

  it('reports main.bicep parameter defaults that differ from the core/config defaults of the same key', () => {
    const keys: ConfigurationKey[] = [
      { name: 'SIMULATION_SIZE', defaultValue: 'small', description: 's' },
      { name: 'OPERATION_BURSTS', defaultValue: '8', description: 'b' },
      { name: 'JANITOR_DRY_RUN', defaultValue: 'false', description: 'd' },
      { name: 'ANTHROPIC_MODEL', defaultValue: 'the-current-model', description: 'm' },
      { name: 'RUN_EXPIRY_HOURS', defaultValue: '12', description: 'e' },
    ];
    const violations = check('config-defaults', { configurationKeys: keys });
    expect(where(violations)).toEqual(['config-defaults main.bicep:6', 'config-defaults main.bicep:7']);
    expect(violations[0].message).toContain("ANTHROPIC_MODEL defaults to 'the-current-model'");
  });

  it('reports loadJsonContent() of a missing file, of a file that is not JSON and of a computed path', () => {
    const violations = check('load-json-content');
    expect(where(violations)).toEqual([
      'load-json-content main.bicep:5',
      'load-json-content main.bicep:6',
      'load-json-content main.bicep:7',
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining('does not exist'),
      expect.stringContaining('is not valid JSON'),
      expect.stringContaining('literal path'),
    ]);
  });

  it("reports a JSON file over Bicep's loadJsonContent limit of 1,048,576 characters", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bicep-load-'));
    try {
      writeFileSync(
        join(dir, 'main.bicep'),
        "var big = loadJsonContent('big.json')\noutput BIG object = big\n",
      );
      const pad = 'x'.repeat(LOAD_JSON_CONTENT_MAX_CHARACTERS - 10);
      writeFileSync(join(dir, 'big.json'), JSON.stringify({ pad }));
      expect(runChecks(dir).violations.map((v) => v.rule)).toEqual([]);
      writeFileSync(join(dir, 'big.json'), JSON.stringify({ pad: `${pad}0123456789` }));
      const violations = runChecks(dir).violations;
      expect(where(violations)).toEqual(['load-json-content main.bicep:1']);
      expect(violations[0].message).toContain('at most 1048576');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports role assignments not built from identities.json and table scopes deployed by no loop', () => {
    const violations = check('identity-grants');
    expect(violations.every((v) => v.rule === 'identity-grants')).toBe(true);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^main\.bicep:6 scope symbol 'storage' is not declared/),
        expect.stringMatching(/^main\.bicep:25 role assignment 'literal' is not built from identities\.json/),
        expect.stringMatching(
          /^identities\.json:1 the table grants at 'registry' but no Bicep loop deploys it/,
        ),
      ]),
    );
    expect(violations).toHaveLength(3);
  });

  it('reports a tree without a function app when one is required', () => {
    expect(
      where(check('tls', { requireFunctionApp: true })).filter((w) => w.startsWith('app-settings')),
    ).toEqual(['app-settings main.bicep:1']);
  });
});
