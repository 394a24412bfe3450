import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { startSandbox, type Sandbox } from '../../sandbox';
import { classicArmOptions } from '../../adapters/client-options';
import { roleAssignmentName, uuidV5 } from '../../adapters/deterministic-name';
import { createRoleAssignments } from '../../adapters/role-assignments';
import { roleIdOf } from '../../core/authorization/role-catalogue';
import { armContext, recordingRetry, cloudServices } from './helpers/sandbox-context';

describe('deterministic role assignment names', () => {
  it('produces RFC 4122 v5 UUIDs (checked against a known vector) that depend on every input', () => {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))"
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
    const a = roleAssignmentName('/subscriptions/s', 'p1', 'r1');
    expect(a).toBe(roleAssignmentName('/SUBSCRIPTIONS/s', 'P1', 'r1'));
    expect(a).not.toBe(roleAssignmentName('/subscriptions/s', 'p2', 'r1'));
    expect(a).not.toBe(roleAssignmentName('/subscriptions/s', 'p1', 'r2'));
  });
});

describe('role assignment adapter against the sandbox', () => {
  let sandbox: Sandbox;
  const principal = '11111111-2222-3333-4444-555555555555';
  const scope = () => `/subscriptions/${sandbox.subscriptionId}`;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('assigns each role once however often it is called (a retry or rewind is a no-op)', async () => {
    const roles = createRoleAssignments(armContext(sandbox));
    const first = await roles.ensure({ scope: scope(), principalId: principal, role: 'Contributor' });
    const again = await roles.ensure({ scope: scope(), principalId: principal, role: 'Contributor' });
    await roles.ensure({ scope: scope(), principalId: principal, role: 'Reader' });
    expect(again.id).toBe(first.id);
    const listed = await roles.listForPrincipal(principal);
    expect(listed).toHaveLength(2);
    expect(listed.map((r) => r.roleDefinitionId.split('/').pop()).sort()).toEqual(
      [roleIdOf('Contributor'), roleIdOf('Reader')].sort(),
    );
    // The orchestrator's condition (core/authorization/identities.json) never lets it hand out a role that can assign roles.
    await expect(
      roles.ensure({ scope: scope(), principalId: principal, role: 'User Access Administrator' }),
    ).rejects.toThrow(/403 AuthorizationFailed/);
  });

  it('returns the existing assignment when the role was granted under another name (409 RoleAssignmentExists)', async () => {
    const other = '99999999-2222-3333-4444-555555555555';
    const direct = new AuthorizationManagementClient(
      sandbox.credential,
      sandbox.subscriptionId,
      classicArmOptions(armContext(sandbox)),
    );
    const roles = createRoleAssignments(armContext(sandbox));
    const manual = await direct.roleAssignments.create(scope(), 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', {
      roleDefinitionId: roles.roleDefinitionId('Contributor'),
      principalId: other,
      // The principal is made up: without principalType ARM would look it up and answer PrincipalNotFound.
      principalType: 'ServicePrincipal',
    });
    const ensured = await roles.ensure({ scope: scope(), principalId: other, role: 'Contributor' });
    expect(ensured).toMatchObject({ id: manual.id, created: false });
  });

  it('deletes an assignment and then reports it gone, and leaves other principals alone', async () => {
    const roles = createRoleAssignments(armContext(sandbox));
    const bystander = '77777777-2222-3333-4444-555555555555';
    await roles.ensure({ scope: scope(), principalId: bystander, role: 'Reader' });
    const [target] = await roles.listForPrincipal(principal);
    expect(await roles.deleteById(target.id)).toBe('deleted');
    // Again as the orchestrator: its condition reads the assignment's role, which a deleted one no longer has, so the
    // delete is refused (why deletePrincipal lists first). An unconditioned Owner is answered 204: gone.
    await expect(roles.deleteById(target.id)).rejects.toThrow(/403 AuthorizationFailed/);
    const asOwner = createRoleAssignments({ ...armContext(sandbox), credential: sandbox.credential });
    expect(await asOwner.deleteById(target.id)).toBe('notFound');
    expect(await roles.listForPrincipal(principal)).toHaveLength(1);
    expect(await roles.listForPrincipal(bystander)).toHaveLength(1);
  });

  it('recovers from throttling and refuses an unknown role with advice', async () => {
    const retry = recordingRetry();
    const roles = createRoleAssignments(armContext(sandbox, retry));
    sandbox.faults.add({
      service: 'arm',
      operation: 'RoleAssignments_Create',
      kind: '429',
      times: 2,
      retryAfterSeconds: 1,
    });
    await roles.ensure({
      scope: scope(),
      principalId: '88888888-2222-3333-4444-555555555555',
      role: 'Reader',
    });
    expect(retry.waits).toEqual([1000, 1000]);
    sandbox.faults.clear();
    expect(() => roles.roleDefinitionId('Ownr')).toThrow(/unknown role "Ownr"/);
  });
});
