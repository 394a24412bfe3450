// `az role assignment list|create --scope S` names roles by listing role definitions at S, as az does
// (azure-cli role/custom.py: `definitions_client.list(scope=scope or '/subscriptions/…')`): a principal whose only
// role is at a resource group can review that group's assignments, and is still refused at the subscription.
import type { Sandbox } from '../../sandbox';
import { useStandinSandbox } from './helpers/az-standin-fixture';
import { createPrincipal, type CreatedPrincipal } from './helpers/principals';

jest.setTimeout(60_000);

describe('az stand-in: role assignments read at the scope the command names', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, rgId } = standin;
  let sandbox: Sandbox;
  let reviewer: CreatedPrincipal;
  beforeAll(async () => {
    ({ sandbox } = standin);
    reviewer = await createPrincipal(sandbox, 'hm-standin-rg-reviewer');
    await ok(
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      reviewer.objectId,
      '--assignee-principal-type',
      'ServicePrincipal',
      '--role',
      'Contributor',
      '--scope',
      rgId('rg-standin'),
      '-o',
      'none',
    );
    await loginAs(reviewer);
  });

  it("lists the group's assignments with their role names for a principal whose only role is at the group", async () => {
    expect(
      await ok(
        'role',
        'assignment',
        'list',
        '--scope',
        rgId('rg-standin'),
        '--query',
        `[?principalId=='${reviewer.objectId}'].roleDefinitionName`,
        '-o',
        'tsv',
      ),
    ).toBe('Contributor\n');
  });

  it('is refused at the subscription, where that principal holds nothing', async () => {
    const r = await az('role', 'assignment', 'list', '--scope', `/subscriptions/${sandbox.subscriptionId}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('AuthorizationFailed');
  });
});
