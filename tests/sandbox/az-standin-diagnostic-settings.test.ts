// `az monitor diagnostic-settings` writes an extension resource of the watched resource: authorized and recorded as
// Microsoft.Insights/diagnosticSettings/*, refused for a missing resource, never listed among the group's resources,
// and gone with the resource it watches.
import type { Sandbox } from '../../sandbox';
import type { ActivityLogRecord } from '../../sandbox/activitylog/events';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(90_000);

describe('az stand-in: diagnostic settings', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId } = standin;
  let sandbox: Sandbox;
  const vault = () => `${rgId('rg-standin')}/providers/Microsoft.KeyVault/vaults/hm-diag-kv`;
  const workspace = () =>
    `${rgId('rg-standin')}/providers/Microsoft.OperationalInsights/workspaces/hm-diag-ws`;

  beforeAll(async () => {
    ({ sandbox } = standin);
    await loginAs(sandbox.principals.admin);
    await ok('keyvault', 'create', '-n', 'hm-diag-kv', '-g', 'rg-standin', '--tags', ...TAGS, '-o', 'none');
    await ok(
      'monitor',
      'log-analytics',
      'workspace',
      'create',
      '--workspace-name',
      'hm-diag-ws',
      '-g',
      'rg-standin',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
  });

  it('creates, shows and lists a setting; records the write; keeps it out of the group resource list', async () => {
    await ok(
      'monitor',
      'diagnostic-settings',
      'create',
      '--name',
      'audit',
      '--resource',
      vault(),
      '--workspace',
      workspace(),
      '--logs',
      '[{"category": "AuditEvent", "enabled": true}]',
      '-o',
      'none',
    );
    expect(
      await ok(
        'monitor',
        'diagnostic-settings',
        'show',
        '--name',
        'audit',
        '--resource',
        vault(),
        '--query',
        'workspaceId',
        '-o',
        'tsv',
      ),
    ).toBe(`${workspace()}\n`);
    expect(
      await ok(
        'monitor',
        'diagnostic-settings',
        'list',
        '--resource',
        vault(),
        '--query',
        '[].logs[?enabled].category[]',
        '-o',
        'tsv',
      ),
    ).toBe('AuditEvent\n');
    const events = (sandbox.state() as unknown as { activityLog: { events: ActivityLogRecord[] } })
      .activityLog.events;
    expect(
      events
        .filter(
          (e) =>
            e.operationName === 'Microsoft.Insights/diagnosticSettings/write' && e.status === 'Succeeded',
        )
        .map((e) => e.resourceId),
    ).toEqual([`${vault()}/providers/Microsoft.Insights/diagnosticSettings/audit`]);
    const listed = await ok('resource', 'list', '-g', 'rg-standin', '--query', '[].type', '-o', 'tsv');
    expect(listed).not.toMatch(/diagnosticSettings/i);
  });

  it('refuses a setting on a missing resource, and drops the setting with its resource', async () => {
    const missing = await az(
      'monitor',
      'diagnostic-settings',
      'create',
      '--name',
      'x',
      '--resource',
      `${vault()}-none`,
      '--workspace',
      workspace(),
    );
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toContain('ResourceNotFound');
    await ok('keyvault', 'delete', '-n', 'hm-diag-kv', '-g', 'rg-standin');
    const left = Object.keys(
      (sandbox.state() as unknown as { arm: { resources: Record<string, unknown> } }).arm.resources,
    );
    expect(left.filter((k) => k.includes('diagnosticsettings'))).toEqual([]);
  });
});
