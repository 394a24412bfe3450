// The ABAC condition grammar HayMaker's conditions use, evaluated as Azure documents it; what the sandbox cannot
// read or evaluate is an error (the request is then refused), never a condition ignored.
import { identitiesTable } from '../../core/authorization/identities-table';
import { roleIdOf } from '../../core/authorization/role-catalogue';
import { actionMatches } from '../../sandbox/authz/actions';
import { ConditionError, parseCondition, roleAssignmentAttribute } from '../../sandbox/authz/condition';
import { AuthorizationEngine } from '../../sandbox/authz/engine';
import type { Caller } from '../../sandbox/entra/tokens';

const write = 'Microsoft.Authorization/roleAssignments/write';
const remove = 'Microsoft.Authorization/roleAssignments/delete';
const role = roleAssignmentAttribute('RoleDefinitionId');
const type = roleAssignmentAttribute('PrincipalType');

describe('ABAC conditions', () => {
  const orchestratorCondition = identitiesTable.roleAssignments.find((g) => g.condition)!.condition!;
  const evaluate = parseCondition(orchestratorCondition);

  it("evaluates the identities table's orchestrator condition: only the scenario roles, to service principals", () => {
    const sp = ['ServicePrincipal'];
    // Privileged roles, and any role outside the allow-list of core/authorization/scenario-grants.ts, are refused.
    for (const name of [
      'Owner',
      'User Access Administrator',
      'Role Based Access Control Administrator',
      'Storage Blob Data Reader',
    ]) {
      expect(evaluate({ action: write, request: { [role]: [roleIdOf(name)], [type]: sp } })).toBe(false);
      expect(evaluate({ action: remove, resource: { [role]: [roleIdOf(name)], [type]: sp } })).toBe(false);
    }
    for (const name of ['Reader', 'Contributor', 'Resource Policy Contributor']) {
      expect(evaluate({ action: write, request: { [role]: [roleIdOf(name)], [type]: sp } })).toBe(true);
      expect(evaluate({ action: remove, resource: { [role]: [roleIdOf(name)], [type]: sp } })).toBe(true);
      // Never to a user or a group.
      expect(evaluate({ action: write, request: { [role]: [roleIdOf(name)], [type]: ['User'] } })).toBe(
        false,
      );
    }
    // Any other action is not constrained by it.
    expect(evaluate({ action: 'Microsoft.Resources/subscriptions/resourceGroups/write' })).toBe(true);
    // A role definition id given as a full resource id compares by its GUID.
    expect(
      evaluate({
        action: write,
        request: {
          [role]: [`/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/${roleIdOf('Owner')}`],
        },
      }),
    ).toBe(false);
  });

  it('reads the operators of the delegation examples: GuidEquals sets, principal types, AND/OR/NOT, &&, ||', () => {
    const constrain = parseCondition(
      `((!(ActionMatches{'${write}'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${roleIdOf('Reader')}, ${roleIdOf('AcrPull')}} && @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'})) AND ((NOT(ActionMatches{'${remove}'})) || (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${roleIdOf('Reader')}}))`,
    );
    expect(
      constrain({ action: write, request: { [role]: [roleIdOf('AcrPull')], [type]: ['serviceprincipal'] } }),
    ).toBe(true);
    expect(constrain({ action: write, request: { [role]: [roleIdOf('AcrPull')], [type]: ['User'] } })).toBe(
      false,
    );
    expect(
      constrain({
        action: write,
        request: { [role]: [roleIdOf('Contributor')], [type]: ['ServicePrincipal'] },
      }),
    ).toBe(false);
    expect(constrain({ action: remove, resource: { [role]: [roleIdOf('Reader')] } })).toBe(true);
    // The attribute of a role assignment that does not exist is an empty set: ForAnyOf… over it is false.
    expect(constrain({ action: remove, resource: {} })).toBe(false);
    const single = parseCondition(`@Request[${role}] GuidNotEquals '${roleIdOf('Owner')}'`);
    expect(single({ action: write, request: { [role]: [roleIdOf('Reader')] } })).toBe(true);
  });

  it('refuses what it cannot read or evaluate', () => {
    expect(() =>
      parseCondition(`ActionMatches{'${write}'} AND ActionMatches{'x'} OR ActionMatches{'y'}`),
    ).toThrow(/without parentheses/);
    expect(() => parseCondition(`((!(ActionMatches{'${write}'}))`)).toThrow(ConditionError);
    const storage = parseCondition(
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'",
    );
    expect(() => storage({ action: 'x' })).toThrow(/not one the sandbox can evaluate/);
    const unknownOperator = parseCondition(`@Request[${role}] ForAnyOfAnyValues:NumericLessThan {1}`);
    expect(() => unknownOperator({ action: write, request: { [role]: ['1'] } })).toThrow(/not supported/);
    expect(() =>
      parseCondition(
        `@Principal[Microsoft.Directory/CustomSecurityAttributes/Attributes:x] StringEquals 'y'`,
      ),
    ).toThrow(/not supported by the sandbox/);
  });

  it('matches actions with wildcards and without case, as role definitions do', () => {
    expect(actionMatches('*', 'Microsoft.Storage/storageAccounts/write')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.Storage/storageAccounts/read')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.Storage/storageAccounts/write')).toBe(false);
    expect(
      actionMatches('Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write'),
    ).toBe(true);
    expect(
      actionMatches(
        'Microsoft.ServiceBus/*/send/action',
        'Microsoft.ServiceBus/namespaces/queues/send/action',
      ),
    ).toBe(true);
    expect(
      actionMatches('Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/readx'),
    ).toBe(false);
  });
});

describe('the RBAC engine', () => {
  const caller: Caller = {
    objectId: 'p1',
    appId: 'a1',
    tenantId: 't',
    roles: [],
    audience: 'https://management.azure.com/',
    issuedAt: 0,
    expiresAt: 0,
  };
  const assignment = (roleName: string, scope: string, condition?: string) => ({
    properties: {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${roleIdOf(roleName)}`,
      principalId: 'P1',
      scope,
      createdOn: new Date(0).toISOString(),
      ...(condition ? { condition } : {}),
    },
  });
  const engine = (...assignments: ReturnType<typeof assignment>[]) =>
    new AuthorizationEngine(
      () => assignments,
      () => 1_000,
      () => 0,
    );
  const rg = '/subscriptions/s/resourceGroups/rg';

  it('inherits from subscription to group to resource, never upwards or sideways', () => {
    const e = engine(assignment('Contributor', rg));
    const allowed = (action: string, scope: string) => e.decide(caller, { action, scope }).allowed;
    expect(
      allowed(
        'Microsoft.Storage/storageAccounts/write',
        `${rg}/providers/Microsoft.Storage/storageAccounts/x`,
      ),
    ).toBe(true);
    expect(allowed('Microsoft.Resources/subscriptions/resourceGroups/write', rg)).toBe(true);
    expect(
      allowed(
        'Microsoft.Resources/subscriptions/resourceGroups/write',
        '/subscriptions/s/resourceGroups/rg2',
      ),
    ).toBe(false);
    expect(
      allowed(
        'Microsoft.Resources/subscriptions/resourceGroups/write',
        '/subscriptions/s/resourceGroups/rg-other',
      ),
    ).toBe(false);
    expect(allowed('Microsoft.Resources/subscriptions/resourceGroups/read', '/subscriptions/s')).toBe(false);
  });

  it('applies notActions within a role and data actions only to data requests', () => {
    const e = engine(assignment('Contributor', '/subscriptions/s'), assignment('Key Vault Secrets User', rg));
    expect(e.decide(caller, { action: write, scope: rg }).allowed).toBe(false);
    const secret = `${rg}/providers/Microsoft.KeyVault/vaults/v/secrets/x`;
    expect(
      e.decide(caller, {
        action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
        scope: secret,
        dataAction: true,
      }).allowed,
    ).toBe(true);
    expect(
      e.decide(caller, {
        action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
        scope: secret,
        dataAction: true,
      }).allowed,
    ).toBe(false);
    // Owner has "*" actions and no data actions: it cannot read a secret.
    const owner = engine(assignment('Owner', '/subscriptions/s'));
    expect(
      owner.decide(caller, {
        action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
        scope: secret,
        dataAction: true,
      }).allowed,
    ).toBe(false);
  });

  it('refuses (and says so) when an assignment condition cannot be evaluated', () => {
    const e = engine(
      assignment('Owner', rg, "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'x'"),
    );
    const decision = e.decide(caller, { action: 'Microsoft.Storage/storageAccounts/write', scope: rg });
    expect(decision).toMatchObject({ allowed: false, conditionNotFulfilled: true });
    expect(decision.allowed ? '' : decision.conditionError).toMatch(/not one the sandbox can evaluate/);
  });

  it('lets an assignment take effect only after its propagation lag', () => {
    const e = new AuthorizationEngine(
      () => [assignment('Reader', rg)],
      () => 60_000,
      () => 120_000,
    );
    expect(
      e.decide(caller, { action: 'Microsoft.Resources/subscriptions/resourceGroups/read', scope: rg })
        .allowed,
    ).toBe(false);
  });
});
