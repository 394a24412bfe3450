// `az policy assignment` reaches the sandbox's Azure Policy routes: Contributor alone is refused (its NotActions
// exclude Microsoft.Authorization/*/Write), Resource Policy Contributor may assign, the definition and its
// parameters are checked as ARM checks them, and every write and delete is in the Activity Log under the caller.
import type { Sandbox } from '../../sandbox';
import type { ActivityLogRecord } from '../../sandbox/activitylog/events';
import { TAGS, useStandinSandbox } from './helpers/az-standin-fixture';
import { createPrincipal, type CreatedPrincipal } from './helpers/principals';

jest.setTimeout(90_000);

const SECURE_TRANSFER = '404c3081-a854-4457-ae30-26a93ef643f9';
const REQUIRE_TAG = '871b6d14-10aa-478d-b590-94f262ecfa99';

describe('az stand-in: policy assignments', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId } = standin;
  let sandbox: Sandbox;
  let engineer: CreatedPrincipal;
  const scope = () => rgId('rg-policy');
  const events = () =>
    (sandbox.state() as unknown as { activityLog: { events: ActivityLogRecord[] } }).activityLog.events;
  const grant = (role: string) =>
    ok(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      engineer.objectId,
      '--assignee-principal-type',
      'ServicePrincipal',
      '--role',
      role,
      '--scope',
      scope(),
      '-o',
      'none',
    );
  const assign = (name: string, ...extra: string[]) =>
    az('policy', 'assignment', 'create', '--name', name, '--scope', scope(), ...extra, '-o', 'json');

  beforeAll(async () => {
    ({ sandbox } = standin);
    await loginAs(sandbox.principals.admin);
    await ok('group', 'create', '-n', 'rg-policy', '-l', 'eastus', '--tags', ...TAGS, '-o', 'none');
    engineer = await createPrincipal(sandbox, 'hm-policy-engineer');
    await grant('Contributor');
  });

  it('refuses a Contributor: assigning a policy needs Microsoft.Authorization/policyAssignments/write', async () => {
    await loginAs(engineer);
    const r = await assign('hm-https', '--policy', SECURE_TRANSFER);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('AuthorizationFailed');
    expect(r.stderr).toContain('Microsoft.Authorization/policyAssignments/write');
  });

  it('lets Resource Policy Contributor assign, show, list and delete, each write recorded under the caller', async () => {
    await loginAs(sandbox.principals.admin);
    await grant('Resource Policy Contributor');
    await loginAs(engineer);
    const created = await assign('hm-https', '--policy', SECURE_TRANSFER, '--display-name', 'Audit https');
    expect(created.exitCode).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'hm-https',
      type: 'Microsoft.Authorization/policyAssignments',
      policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${SECURE_TRANSFER}`,
      enforcementMode: 'Default',
      scope: scope(),
    });
    const tagged = await assign(
      'hm-tag',
      '--policy',
      REQUIRE_TAG,
      '--params',
      '{"tagName": {"value": "CostCentre"}}',
      '--enforcement-mode',
      'DoNotEnforce',
    );
    expect(tagged.exitCode).toBe(0);
    expect(
      await ok(
        'policy',
        'assignment',
        'show',
        '--name',
        'hm-tag',
        '--scope',
        scope(),
        '--query',
        'enforcementMode',
        '-o',
        'tsv',
      ),
    ).toBe('DoNotEnforce\n');
    expect(
      await ok('policy', 'assignment', 'list', '--scope', scope(), '--query', 'sort([].name)', '-o', 'tsv'),
    ).toBe('hm-https\nhm-tag\n');
    await ok('policy', 'assignment', 'delete', '--name', 'hm-https', '--scope', scope());
    const shown = await az('policy', 'assignment', 'show', '--name', 'hm-https', '--scope', scope());
    expect(shown.exitCode).toBe(3);
    expect(shown.stderr).toContain('PolicyAssignmentNotFound');
    const mine = events().filter(
      (e) =>
        e.callerAppId === engineer.clientId &&
        e.status === 'Succeeded' &&
        /policyAssignments/.test(e.resourceId),
    );
    expect(mine.map((e) => e.operationName)).toEqual([
      'Microsoft.Authorization/policyAssignments/write',
      'Microsoft.Authorization/policyAssignments/write',
      'Microsoft.Authorization/policyAssignments/delete',
    ]);
  });

  it('refuses an unknown definition and parameters that do not match the definition, as ARM does', async () => {
    await loginAs(engineer);
    const unknown = await assign('hm-x', '--policy', '00000000-0000-0000-0000-000000000000');
    expect(unknown.stderr).toContain('PolicyDefinitionNotFound');
    const missing = await assign('hm-x', '--policy', REQUIRE_TAG);
    expect(missing.stderr).toContain('MissingPolicyParameter');
    const undefinedParam = await assign(
      'hm-x',
      '--policy',
      SECURE_TRANSFER,
      '--params',
      '{"tagName": {"value": "x"}}',
    );
    expect(undefinedParam.stderr).toContain('UndefinedPolicyParameter');
    expect([unknown.exitCode, missing.exitCode, undefinedParam.exitCode]).toEqual([3, 1, 1]);
  });

  it('triggers a compliance scan and summarizes, both actions recorded under the caller', async () => {
    await loginAs(engineer);
    await ok('policy', 'state', 'trigger-scan', '--resource-group', 'rg-policy', '--no-wait');
    const summary = JSON.parse(await ok('policy', 'state', 'summarize', '--resource-group', 'rg-policy')) as {
      results: { nonCompliantResources: number };
      policyAssignments: unknown[];
    };
    expect(summary.results.nonCompliantResources).toBe(0);
    const actions = events()
      .filter(
        (e) => e.callerAppId === engineer.clientId && e.operationName.startsWith('Microsoft.PolicyInsights/'),
      )
      .filter((e) => e.status !== 'Started')
      .map((e) => `${e.operationName} ${e.resourceId}`);
    expect(actions).toEqual([
      `Microsoft.PolicyInsights/policyStates/triggerEvaluation/action ${scope()}/providers/Microsoft.PolicyInsights/policyStates/latest`,
      `Microsoft.PolicyInsights/policyStates/summarize/action ${scope()}/providers/Microsoft.PolicyInsights/policyStates/latest`,
    ]);
  });

  it('removes the assignments with their resource group', async () => {
    await loginAs(sandbox.principals.admin);
    await ok('group', 'delete', '-n', 'rg-policy', '--yes');
    const left = (sandbox.state() as unknown as { arm: { policyAssignments?: Record<string, unknown> } }).arm
      .policyAssignments;
    expect(Object.keys(left ?? {})).toEqual([]);
  });
});
