// Verbs az carries out as resource actions reach the sandbox as POSTs to the action path: ARM authorizes
// `{type}/{action}/action`, the Activity Log records it under the caller, and az prints what it prints of the answer.
import { readFileSync } from 'node:fs';
import type { Sandbox } from '../../sandbox';
import type { ActivityLogRecord } from '../../sandbox/activitylog/events';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';
import { createPrincipal } from './helpers/principals';

jest.setTimeout(90_000);

describe('az stand-in: resource actions', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId } = standin;
  let sandbox: Sandbox;
  beforeAll(() => {
    ({ sandbox } = standin);
  });
  const g = ['-g', 'rg-standin'];
  const events = () =>
    (sandbox.state() as unknown as { activityLog: { events: ActivityLogRecord[] } }).activityLog.events;
  const recorded = (operation: string, resourceId: string) =>
    events().filter(
      (e) =>
        e.operationName === operation &&
        e.resourceId.toLowerCase() === resourceId.toLowerCase() &&
        e.status === 'Succeeded',
    );

  it('restarts, stops and starts a web app as POSTs the Activity Log records as actions of the caller', async () => {
    await loginAs(sandbox.principals.admin);
    await ok(
      'appservice',
      'plan',
      'create',
      '-n',
      'hm-plan',
      ...g,
      '--sku',
      'B1',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    await ok('webapp', 'create', '-n', 'hm-app', ...g, '--plan', 'hm-plan', '--tags', ...TAGS, '-o', 'none');
    const site = `${rgId('rg-standin')}/providers/Microsoft.Web/sites/hm-app`;
    expect(await ok('webapp', 'restart', '-n', 'hm-app', ...g)).toBe('');
    await ok('functionapp', 'stop', '-n', 'hm-app', ...g);
    await ok('functionapp', 'start', '-n', 'hm-app', ...g);
    for (const op of ['restart', 'stop', 'start']) {
      const hits = recorded(`Microsoft.Web/sites/${op}/action`, site);
      expect(hits).toHaveLength(1);
      expect(hits[0].callerObjectId).toBe(sandbox.principals.admin.objectId);
    }
    // A missing app: the POST itself fails as in Azure, nothing is pretended.
    const missing = await az('webapp', 'restart', '-n', 'hm-nope', ...g);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toContain('ResourceNotFound');
  });

  it('refuses an action to a Reader, naming the action it lacks', async () => {
    await loginAs(sandbox.principals.admin);
    const reader = await createPrincipal(sandbox, 'hm-actions-reader');
    await ok(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      reader.objectId,
      '--assignee-principal-type',
      'ServicePrincipal',
      '--role',
      'Reader',
      '--scope',
      rgId('rg-standin'),
      '-o',
      'none',
    );
    await loginAs(reader);
    expect(await ok('webapp', 'show', '-n', 'hm-app', ...g, '--query', 'name', '-o', 'tsv')).toBe('hm-app\n');
    const refused = await az('webapp', 'restart', '-n', 'hm-app', ...g);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('AuthorizationFailed');
    expect(refused.stderr).toContain('Microsoft.Web/sites/restart/action');
    const failed = events().filter(
      (e) => e.operationName === 'Microsoft.Web/sites/restart/action' && e.callerAppId === reader.clientId,
    );
    expect(failed.map((e) => e.status)).toEqual(['Started', 'Failed']);
    await loginAs(sandbox.principals.admin);
  });

  it('regenerates keys and prints the answer az prints: the new key differs, the other stays', async () => {
    await loginAs(sandbox.principals.admin);
    await ok(
      'cognitiveservices',
      'account',
      'create',
      '-n',
      'hm-lang',
      ...g,
      '--kind',
      'TextAnalytics',
      '--sku',
      'F0',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    const before = JSON.parse(
      await ok('cognitiveservices', 'account', 'keys', 'list', '-n', 'hm-lang', ...g),
    ) as {
      key1: string;
      key2: string;
    };
    const after = JSON.parse(
      await ok(
        'cognitiveservices',
        'account',
        'keys',
        'regenerate',
        '-n',
        'hm-lang',
        ...g,
        '--key-name',
        'Key2',
      ),
    ) as { key1: string; key2: string };
    expect(after.key1).toBe(before.key1);
    expect(after.key2).not.toBe(before.key2);
    const account = `${rgId('rg-standin')}/providers/Microsoft.CognitiveServices/accounts/hm-lang`;
    expect(recorded('Microsoft.CognitiveServices/accounts/regenerateKey/action', account)).toHaveLength(1);

    await ok(
      'storage',
      'account',
      'create',
      '-n',
      'hmactionsst',
      ...g,
      '--sku',
      'Standard_LRS',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'storage',
        'account',
        'keys',
        'renew',
        '--account-name',
        'hmactionsst',
        ...g,
        '--key',
        'secondary',
        '--query',
        '[].keyName',
        '-o',
        'tsv',
      ),
    ).toBe('key1\nkey2\n');
    expect(
      recorded(
        'Microsoft.Storage/storageAccounts/regenerateKey/action',
        `${rgId('rg-standin')}/providers/Microsoft.Storage/storageAccounts/hmactionsst`,
      ),
    ).toHaveLength(1);
    // The keys never reach the stand-in log.
    const log = readFileSync(standin.env.HAYMAKER_AZ_STANDIN_LOG!, 'utf8');
    expect(log).not.toContain(after.key2);
  });

  it('runs a command on a VM and prints the RunCommandResult', async () => {
    await loginAs(sandbox.principals.admin);
    await ok('vm', 'create', '-n', 'hm-vm', ...g, '--image', 'Ubuntu2204', '--tags', ...TAGS, '-o', 'none');
    const message = await ok(
      'vm',
      'run-command',
      'invoke',
      '-n',
      'hm-vm',
      ...g,
      '--command-id',
      'RunShellScript',
      '--scripts',
      'uptime',
      '--query',
      'value[0].code',
      '-o',
      'tsv',
    );
    expect(message).toBe('ProvisioningState/succeeded\n');
    expect(
      recorded(
        'Microsoft.Compute/virtualMachines/runCommand/action',
        `${rgId('rg-standin')}/providers/Microsoft.Compute/virtualMachines/hm-vm`,
      ),
    ).toHaveLength(1);
  });

  it('scales and adds network rules as a read-modify-write of the resource, recorded as its write', async () => {
    await loginAs(sandbox.principals.admin);
    await ok(
      'vmss',
      'create',
      '-n',
      'hm-vmss',
      ...g,
      '--image',
      'Ubuntu2204',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
    expect(
      await ok(
        'vmss',
        'scale',
        '-n',
        'hm-vmss',
        ...g,
        '--new-capacity',
        '2',
        '--query',
        'sku.capacity',
        '-o',
        'tsv',
      ),
    ).toBe('2\n');
    const vmss = `${rgId('rg-standin')}/providers/Microsoft.Compute/virtualMachineScaleSets/hm-vmss`;
    // One write for the create, one for the scale.
    expect(recorded('Microsoft.Compute/virtualMachineScaleSets/write', vmss)).toHaveLength(2);
    await ok(
      'cognitiveservices',
      'account',
      'network-rule',
      'add',
      '-n',
      'hm-lang',
      ...g,
      '--ip-address',
      '203.0.113.7',
      '-o',
      'none',
    );
    expect(
      await ok(
        'cognitiveservices',
        'account',
        'show',
        '-n',
        'hm-lang',
        ...g,
        '--query',
        'networkAcls.ipRules[].value',
        '-o',
        'tsv',
      ),
    ).toBe('203.0.113.7\n');
  });

  it('refuses an action the sandbox does not model instead of pretending it succeeded', async () => {
    await loginAs(sandbox.principals.admin);
    const r = await az(
      'rest',
      '--method',
      'post',
      '--url',
      `${rgId('rg-standin')}/providers/Microsoft.Web/sites/hm-app/frobnicate?api-version=2024-04-01`,
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('frobnicate');
  });
});
