// Microsoft Graph application permissions as Entra enforces them: Application.ReadWrite.OwnedBy creates apps the
// caller then owns and manages only those, deleted items need Application.Read.All, granting a permission needs
// AppRoleAssignment.ReadWrite.All, and a principal may create at most 250 objects, soft-deleted ones included.
import { startSandbox, type Sandbox } from '../../sandbox';
import { httpsRequest, type RawResponse } from './helpers/https-request';
import { bearer } from './helpers/tokens';

jest.setTimeout(120_000);

describe('Microsoft Graph permissions and ownership', () => {
  let sandbox: Sandbox;
  let now = Date.parse('2030-01-01T00:00:00Z');
  beforeAll(async () => {
    sandbox = await startSandbox({ clock: { now: () => now } });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  const call = async (
    who: 'orchestrator' | 'admin' | 'nobody',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<RawResponse> =>
    httpsRequest(`${sandbox.endpoints.graph}/v1.0${path}`, sandbox.caCert, {
      method,
      headers: await bearer(sandbox, 'graph', who),
      ...(body !== undefined ? { body } : {}),
    });

  it('lets OwnedBy create apps it then owns and manage only those, and list every app', async () => {
    const own = await call('orchestrator', 'POST', '/applications', { displayName: 'AzureHayMaker-own' });
    expect(own.status).toBe(201);
    const theirs = await call('admin', 'POST', '/applications', { displayName: 'someone-elses' });
    expect(
      (await call('orchestrator', 'POST', `/applications/${own.json().id}/addPassword`, {})).status,
    ).toBe(200);
    const refused = await call('orchestrator', 'POST', `/applications/${theirs.json().id}/addPassword`, {});
    expect(refused.status).toBe(403);
    expect(refused.json().error.code).toBe('Authorization_RequestDenied');
    expect((await call('orchestrator', 'DELETE', `/applications/${theirs.json().id}`)).status).toBe(403);
    expect(
      (await call('orchestrator', 'PATCH', `/applications/${theirs.json().id}`, { notes: 'x' })).status,
    ).toBe(403);
    expect(
      (await call('orchestrator', 'POST', '/servicePrincipals', { appId: theirs.json().appId })).status,
    ).toBe(403);
    expect(
      (await call('orchestrator', 'POST', '/servicePrincipals', { appId: own.json().appId })).status,
    ).toBe(201);
    const listed = (await call('orchestrator', 'GET', '/applications?$top=999'))
      .json()
      .value.map((a: { id: string }) => a.id);
    expect(listed).toEqual(expect.arrayContaining([own.json().id, theirs.json().id]));
  });

  it('keeps deleted items from OwnedBy (Application.Read.All reads them) and shows a deletion only after replication', async () => {
    sandbox.settings.deletedItemsLagMs = 60_000;
    try {
      const app = (
        await call('orchestrator', 'POST', '/applications', { displayName: 'AzureHayMaker-gone' })
      ).json();
      expect((await call('orchestrator', 'DELETE', `/applications/${app.id}`)).status).toBe(204);
      // Reading deleted items needs Application.Read.All (the orchestrator holds it, core/authorization/identities.json).
      expect((await call('nobody', 'GET', `/directory/deletedItems/${app.id}`)).status).toBe(403);
      // Right after the delete, deletedItems does not know it yet: get and purge answer 404.
      expect((await call('orchestrator', 'GET', `/directory/deletedItems/${app.id}`)).status).toBe(404);
      expect((await call('admin', 'GET', `/directory/deletedItems/${app.id}`)).status).toBe(404);
      expect((await call('orchestrator', 'DELETE', `/directory/deletedItems/${app.id}`)).status).toBe(404);
      now += 60_000;
      expect((await call('orchestrator', 'GET', `/directory/deletedItems/${app.id}`)).status).toBe(200);
      // Its owner may purge it (Application.ReadWrite.OwnedBy); nobody else but an All permission may.
      expect((await call('nobody', 'DELETE', `/directory/deletedItems/${app.id}`)).status).toBe(403);
      expect((await call('orchestrator', 'DELETE', `/directory/deletedItems/${app.id}`)).status).toBe(204);
    } finally {
      sandbox.settings.deletedItemsLagMs = 0;
    }
  });

  it('grants an application permission only with AppRoleAssignment.ReadWrite.All, and new tokens carry it', async () => {
    const graphSp = (
      await call('admin', 'GET', "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")
    ).json();
    const readAll = graphSp.appRoles.find((r: { value: string }) => r.value === 'Application.Read.All');
    const nobody = sandbox.principals.nobody.objectId;
    const body = { principalId: nobody, resourceId: graphSp.id, appRoleId: readAll.id };
    const refused = await call(
      'orchestrator',
      'POST',
      `/servicePrincipals/${nobody}/appRoleAssignments`,
      body,
    );
    expect(refused.status).toBe(403);
    expect((await call('nobody', 'GET', '/applications')).status).toBe(403);
    const granted = await call('admin', 'POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, body);
    expect(granted.status).toBe(201);
    expect(granted.json()).toMatchObject({
      principalId: nobody,
      resourceId: graphSp.id,
      appRoleId: readAll.id,
    });
    expect((await call('nobody', 'GET', '/applications')).status).toBe(200);
    expect((await call('nobody', 'POST', '/applications', { displayName: 'x' })).status).toBe(403);
    await call('admin', 'DELETE', `/servicePrincipals/${nobody}/appRoleAssignments/${granted.json().id}`);
    expect((await call('nobody', 'GET', '/applications')).status).toBe(403);
  });

  it('refuses the 251st object of a creator, soft-deleted ones counting; a purged one counts a quarter', async () => {
    const orchestrator = await bearer(sandbox, 'graph', 'orchestrator');
    const create = (i: number) =>
      httpsRequest(`${sandbox.endpoints.graph}/v1.0/applications`, sandbox.caCert, {
        method: 'POST',
        headers: orchestrator,
        body: { displayName: `AzureHayMaker-quota-${i}` },
      });
    // Objects it made earlier in this file (apps, a service principal) count too.
    const ids: string[] = [];
    let refused: RawResponse | undefined;
    for (let i = 0; i < 260 && !refused; i++) {
      const r = await create(i);
      if (r.status === 201) ids.push(r.json().id);
      else refused = r;
    }
    expect(refused?.status).toBe(400);
    expect(refused?.json().error).toMatchObject({
      code: 'Directory_QuotaExceeded',
      message:
        'The directory object quota limit for the Principal has been exceeded. Please ask your administrator to increase the quota limit or delete objects to reduce the used quota.',
    });
    // A soft-deleted object still counts.
    await call('orchestrator', 'DELETE', `/applications/${ids[0]}`);
    expect((await create(1000)).status).toBe(400);
    // Purged, it counts a quarter for 30 days: one more fits.
    expect((await call('orchestrator', 'DELETE', `/directory/deletedItems/${ids[0]}`)).status).toBe(204);
    expect((await create(1001)).status).toBe(201);
    expect((await create(1002)).status).toBe(400);
  });
});
