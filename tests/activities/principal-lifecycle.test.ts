import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers, ScenarioContext } from '../../contract/activities';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

describe('principal activities against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  const ctx = (scenarioId: string): ScenarioContext => ({
    runId: 'run0prin-0001',
    scenarioId,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T12:00:00.000Z',
  });
  const count = (op: string) =>
    sandbox.requestLog().filter((e) => e.operation === op && e.status < 300).length;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    deps = await sandboxDependencies(sandbox);
    handlers = createActivityHandlers(deps);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('provisions once: a retry or rewind reuses the app, SP and secret and adds no second password', async () => {
    const first = await handlers.provisionPrincipal(ctx('compute-01-vm'));
    const second = await handlers.provisionPrincipal(ctx('compute-01-vm'));
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      displayName: 'AzureHayMaker-compute-01-vm-run0prin-admin',
      secretName: 'scenario-sp-compute-01-vm-run0prin-secret',
    });
    expect(count('UpsertApplication')).toBe(2);
    expect(count('CreateServicePrincipal')).toBe(1);
    expect(count('AddPassword')).toBe(1);
    const stored = await deps.secrets.get(first.secretName);
    expect(stored?.value).toMatch(/^.{3}\dQ~.{34}$/);
    expect(stored?.info.tags).toMatchObject({
      ExecutionId: 'run0prin-0001',
      Scenario: 'compute-01-vm',
      ExpiresAt: '2026-01-01T12:00:00.000Z',
    });
    // The output (which lands in orchestration history) holds the secret's name, never its value.
    expect(JSON.stringify(first)).not.toContain(stored!.value);
  });

  it("creates the scenario's groups and assigns its roles there only, once across retries", async () => {
    const principal = await handlers.provisionPrincipal(ctx('compute-01-vm'));
    const groups = await handlers.createResourceGroups({
      ...ctx('compute-01-vm'),
      resourceGroups: ['haymaker-compute01-run0prin'],
      location: 'eastus',
    });
    expect(groups.resourceGroupIds).toEqual([
      `/subscriptions/${sandbox.subscriptionId}/resourceGroups/haymaker-compute01-run0prin`,
    ]);
    const input = {
      ...ctx('compute-01-vm'),
      servicePrincipalId: principal.servicePrincipalId,
      grants: { resourceGroups: ['haymaker-compute01-run0prin'], roles: ['Contributor'] },
    };
    const a = await handlers.assignRoles(input);
    const b = await handlers.assignRoles(input);
    expect(b).toEqual(a);
    const assigned = await deps.roleAssignments.listForPrincipal(principal.servicePrincipalId);
    expect(assigned.map((r) => r.scope)).toEqual([groups.resourceGroupIds[0]]);
    await expect(
      handlers.assignRoles({ ...input, grants: { ...input.grants, roles: ['Owner'] } }),
    ).rejects.toThrow(/refusing to assign Owner/);
    // What a run started before the grant model asks for: subscription scope with User Access Administrator.
    await expect(
      handlers.assignRoles({
        ...ctx('compute-01-vm'),
        servicePrincipalId: principal.servicePrincipalId,
        roles: ['Contributor', 'User Access Administrator'],
      }),
    ).rejects.toThrow(/at subscription scope/);
  });

  it("deletes the principal cleanly after the scenario's cleanup deleted its group (its role assignments went with it)", async () => {
    const scenario = ctx('web-04-gone-group');
    const principal = await handlers.provisionPrincipal(scenario);
    await handlers.createResourceGroups({
      ...scenario,
      resourceGroups: ['haymaker-web04-run0prin'],
      location: 'eastus',
    });
    const roles = await handlers.assignRoles({
      ...scenario,
      servicePrincipalId: principal.servicePrincipalId,
      grants: { resourceGroups: ['haymaker-web04-run0prin'], roles: ['Contributor'] },
    });
    // What the agent's cleanup does as the scenario principal: az group delete on its own group.
    expect(await deps.arm.deleteResourceGroup('haymaker-web04-run0prin')).toBe('deleted');
    const removed = await handlers.deletePrincipal({
      ...scenario,
      principal,
      roleAssignmentIds: roles.roleAssignmentIds,
    });
    expect(removed).toMatchObject({ errors: [], verifiedGone: true, roleAssignmentsDeleted: 0 });
  });

  it('deletes everything, verifies it gone, and a second delete (rewind) is harmless', async () => {
    const principal = await handlers.provisionPrincipal(ctx('compute-01-vm'));
    const bystander = await handlers.provisionPrincipal(ctx('storage-02-blob'));
    const removed = await handlers.deletePrincipal({ ...ctx('compute-01-vm'), principal });
    expect(removed).toMatchObject({
      roleAssignmentsDeleted: 1,
      servicePrincipalDeleted: true,
      appRegistrationDeleted: true,
      deletedItemPurged: true,
      secretDeleted: true,
      // The vault has purge protection, as bicep/modules/key-vault.bicep deploys it: Key Vault refuses the purge and
      // the deleted secret stays recoverable until its retention passes.
      secretPurged: false,
      verifiedGone: true,
      errors: [],
    });
    expect(await deps.graph.getApplication(principal.appObjectId)).toBeUndefined();
    expect(await deps.secrets.getInfo(principal.secretName)).toBeUndefined();
    const again = await handlers.deletePrincipal({ ...ctx('compute-01-vm'), principal });
    expect(again.verifiedGone).toBe(true);
    // The other scenario's principal is untouched.
    expect(await deps.graph.getApplication(bystander.appObjectId)).toBeDefined();
    expect(await deps.secrets.getInfo(bystander.secretName)).toBeDefined();
  });

  it('finds a half-provisioned principal by its deterministic names when no reference came back', async () => {
    // Provisioning "crashed" after the app existed: only the app and SP were made, nothing was returned.
    const app = await deps.graph.createOrGetApplication('AzureHayMaker-network-03-vnet-run0prin-admin');
    const sp = await deps.graph.createOrGetServicePrincipal(app.appId);
    const removed = await handlers.deletePrincipal(ctx('network-03-vnet'));
    expect(removed.verifiedGone).toBe(true);
    expect(await deps.graph.getServicePrincipal(sp.id)).toBeUndefined();
    expect(await deps.graph.getApplication(app.id)).toBeUndefined();
  });

  it('replaces a secret that belongs to an app registration which no longer exists', async () => {
    const first = await handlers.provisionPrincipal(ctx('web-05-func'));
    const oldValue = (await deps.secrets.get(first.secretName))!.value;
    await deps.graph.deleteApplication(first.appObjectId);
    await deps.graph.purgeDeletedItem(first.appObjectId);
    const second = await handlers.provisionPrincipal(ctx('web-05-func'));
    expect(second.appId).not.toBe(first.appId);
    const stored = await deps.secrets.get(second.secretName);
    expect(stored!.value).not.toBe(oldValue);
    expect(stored!.info.tags.AppId).toBe(second.appId);
  });

  it('writes the secret even when its name is soft-deleted from an earlier attempt', async () => {
    const name = 'scenario-sp-data-04-sql-run0prin-secret';
    await deps.secrets.set(name, 'old', { tags: {} });
    const { SecretClient } = require('@azure/keyvault-secrets');
    const raw = new SecretClient(sandbox.endpoints.keyVault, sandbox.credential, {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: sandbox.caCert },
    });
    await (await raw.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    const principal = await handlers.provisionPrincipal(ctx('data-04-sql'));
    expect((await deps.secrets.get(principal.secretName))?.value).toMatch(/Q~/);
  });
});
