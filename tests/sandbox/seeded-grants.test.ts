// The sandbox seeds exactly the grants of core/authorization/identities.json (what a deployment gives HayMaker's identities), so
// a run in the sandbox proves what Bicep deploys; and Azure's lags come with documented magnitudes.
import { identitiesTable } from '../../core/authorization/identities-table';
import { findRoleById } from '../../core/authorization/role-catalogue';
import { AZURE_LAGS, scaledAzureLags, startSandbox, type Sandbox } from '../../sandbox';

interface SeededState {
  arm: {
    roleAssignments: Record<
      string,
      { properties: { principalId: string; roleDefinitionId: string; scope: string; condition?: string } }
    >;
  };
  graph: {
    appRoleAssignments: Record<string, { principalId: string; appRoleId: string }>;
    servicePrincipals: Record<string, { appRoles?: { id: string; value: string }[] }>;
  };
}

describe('the grants the sandbox starts with', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("are the identities table's, for the orchestrator and the agent, at the scopes its symbols stand for", () => {
    const state = sandbox.state() as unknown as SeededState;
    for (const identity of ['orchestrator', 'agent'] as const) {
      const principal = sandbox.principals[identity].objectId;
      const seeded = Object.values(state.arm.roleAssignments)
        .filter((ra) => ra.properties.principalId === principal)
        .map((ra) => ({
          role: findRoleById(ra.properties.roleDefinitionId)?.roleName,
          scope: ra.properties.scope.toLowerCase(),
          condition: ra.properties.condition,
        }));
      const expected = identitiesTable.roleAssignments
        .filter((g) => g.identity === identity)
        .map((g) => ({
          role: g.role,
          scope: sandbox.platform.scopes[g.scope].toLowerCase(),
          condition: g.condition,
        }));
      expect(seeded.sort((a, b) => `${a.role}${a.scope}`.localeCompare(`${b.role}${b.scope}`))).toEqual(
        expected.sort((a, b) => `${a.role}${a.scope}`.localeCompare(`${b.role}${b.scope}`)),
      );
    }
    const roles = new Map(
      Object.values(state.graph.servicePrincipals)
        .flatMap((sp) => sp.appRoles ?? [])
        .map((r) => [r.id, r.value]),
    );
    const graphOf = (identity: 'orchestrator' | 'agent') =>
      Object.values(state.graph.appRoleAssignments)
        .filter((a) => a.principalId === sandbox.principals[identity].objectId)
        .map((a) => roles.get(a.appRoleId))
        .sort();
    expect(graphOf('orchestrator')).toEqual(
      identitiesTable.graphAppPermissions
        .filter((p) => p.identity === 'orchestrator')
        .map((p) => p.permission)
        .sort(),
    );
    expect(graphOf('agent')).toEqual([]);
    // nobody holds nothing at all.
    const nobody = sandbox.principals.nobody.objectId;
    expect(
      Object.values(state.arm.roleAssignments).filter((ra) => ra.properties.principalId === nobody),
    ).toEqual([]);
    expect(Object.values(state.graph.appRoleAssignments).filter((a) => a.principalId === nobody)).toEqual([]);
  });

  it("puts HayMaker's own resources in the platform subscription, apart from the target one", () => {
    expect(sandbox.subscriptions.platform).not.toBe(sandbox.subscriptions.target);
    expect(sandbox.platform.scopes.targetSubscription).toBe(`/subscriptions/${sandbox.subscriptionId}`);
    expect(
      sandbox.platform.scopes.keyVault.startsWith(`/subscriptions/${sandbox.subscriptions.platform}/`),
    ).toBe(true);
  });
});

describe("Azure's lags", () => {
  it('come with the documented magnitudes and scale with the clock', () => {
    expect(AZURE_LAGS.roleAssignmentPropagationLagMs).toBe(10 * 60_000);
    expect(AZURE_LAGS.resourceGraphIndexLagMs).toBe(30_000);
    expect(AZURE_LAGS.activityLogIngestionDelayMs).toBe(3 * 60_000);
    expect(scaledAzureLags(600)).toEqual({
      activityLogIngestionDelayMs: 300,
      roleAssignmentPropagationLagMs: 1000,
      graphReplicationLagMs: 200,
      secretPropagationLagMs: 200,
      deletedItemsLagMs: 200,
      resourceGraphIndexLagMs: 50,
    });
  });
});
