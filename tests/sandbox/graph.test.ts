import type { Client } from '@microsoft/microsoft-graph-client';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createGraphService } from '../../sandbox/graph';
import { sandboxGraphClient } from './graph-client';
import { httpsRequest } from './helpers/https-request';
import { skewedClock } from '../../testkit/skewed-clock';

jest.setTimeout(30_000);

describe('Microsoft Graph with the real Graph client', () => {
  let sandbox: Sandbox;
  let graph: Client;
  const clock = skewedClock();

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createGraphService], clock });
    graph = sandboxGraphClient(sandbox);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it("refuses a request without a token with Graph's 401", async () => {
    const res = await httpsRequest(`${sandbox.endpoints.graph}/v1.0/applications`, sandbox.caCert);
    expect(res.status).toBe(401);
    expect(res.json().error.code).toBe('InvalidAuthenticationToken');
  });

  it('creates an application, gets it and finds it by displayName filter', async () => {
    const created = await graph
      .api('/applications')
      .post({ displayName: 'AzureHayMaker-compute-01-abcd1234-admin' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.appId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.passwordCredentials).toEqual([]);
    const got = await graph.api(`/applications/${created.id}`).get();
    expect(got.displayName).toBe('AzureHayMaker-compute-01-abcd1234-admin');
    await graph.api('/applications').post({ displayName: 'someone-else' });
    const found = await graph
      .api('/applications')
      .filter("displayName eq 'AzureHayMaker-compute-01-abcd1234-admin'")
      .get();
    expect(found.value.map((a: { id: string }) => a.id)).toEqual([created.id]);
    const byAppId = await graph.api(`/applications(appId='${created.appId}')`).get();
    expect(byAppId.id).toBe(created.id);
  });

  it('refuses a filter it cannot evaluate', async () => {
    await expect(graph.api('/applications').filter('displayName ne 1').get()).rejects.toMatchObject({
      statusCode: 400,
      code: 'Request_UnsupportedQuery',
    });
  });

  it('answers 404 Request_ResourceNotFound for an unknown object', async () => {
    await expect(graph.api('/applications/00000000-0000-0000-0000-000000000000').get()).rejects.toMatchObject(
      {
        statusCode: 404,
        code: 'Request_ResourceNotFound',
      },
    );
  });

  it("adds a password whose secret text has Azure's shape and is returned only once, then removes it", async () => {
    const app = await graph.api('/applications').post({ displayName: 'pw-app' });
    const credential = await graph
      .api(`/applications/${app.id}/addPassword`)
      .post({ passwordCredential: { displayName: 'haymaker' } });
    expect(credential.secretText).toMatch(/^[A-Za-z0-9]{3}\d+Q~[A-Za-z0-9_.~-]{34}$/);
    expect(credential.secretText).toHaveLength(40);
    expect(credential.hint).toBe(credential.secretText.slice(0, 3));
    expect(credential.displayName).toBe('haymaker');
    const reread = await graph.api(`/applications/${app.id}`).get();
    expect(reread.passwordCredentials).toEqual([
      expect.objectContaining({ keyId: credential.keyId, secretText: null, hint: credential.hint }),
    ]);
    expect(JSON.stringify(sandbox.state())).not.toContain(credential.secretText);
    await graph.api(`/applications/${app.id}/removePassword`).post({ keyId: credential.keyId });
    expect((await graph.api(`/applications/${app.id}`).get()).passwordCredentials).toEqual([]);
  });

  it('creates a service principal for an appId, lists it by filter and deletes it', async () => {
    const app = await graph.api('/applications').post({ displayName: 'sp-app' });
    const sp = await graph.api('/servicePrincipals').post({ appId: app.appId });
    expect(sp.appId).toBe(app.appId);
    expect(sp.displayName).toBe('sp-app');
    expect((await graph.api(`/servicePrincipals/${sp.id}`).get()).id).toBe(sp.id);
    const listed = await graph.api('/servicePrincipals').filter(`appId eq '${app.appId}'`).get();
    expect(listed.value.map((s: { id: string }) => s.id)).toEqual([sp.id]);
    await expect(graph.api('/servicePrincipals').post({ appId: app.appId })).rejects.toMatchObject({
      statusCode: 409,
    });
    await graph.api(`/servicePrincipals/${sp.id}`).delete();
    await expect(graph.api(`/servicePrincipals/${sp.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses a service principal for an unknown appId', async () => {
    await expect(
      graph.api('/servicePrincipals').post({ appId: '11111111-1111-1111-1111-111111111111' }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('moves a deleted application to deletedItems, where a DELETE removes it for good', async () => {
    const app = await graph.api('/applications').post({ displayName: 'deleted-app' });
    const sp = await graph.api('/servicePrincipals').post({ appId: app.appId });
    await graph.api(`/applications/${app.id}`).delete();
    await expect(graph.api(`/applications/${app.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
    await expect(graph.api(`/servicePrincipals/${sp.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
    const deleted = await graph.api(`/directory/deletedItems/${app.id}`).get();
    expect(deleted['@odata.type']).toBe('#microsoft.graph.application');
    expect(deleted.deletedDateTime).toEqual(expect.any(String));
    const listed = await graph.api('/directory/deletedItems/microsoft.graph.application').get();
    expect(listed.value.map((a: { id: string }) => a.id)).toContain(app.id);
    await graph.api(`/directory/deletedItems/${app.id}`).delete();
    await expect(graph.api(`/directory/deletedItems/${app.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound',
    });
    const after = await graph.api('/directory/deletedItems/microsoft.graph.application').get();
    expect(after.value.map((a: { id: string }) => a.id)).not.toContain(app.id);
  });

  it('pages a list with $top and @odata.nextLink', async () => {
    for (let i = 0; i < 5; i++) await graph.api('/applications').post({ displayName: `paged-${i}` });
    const first = await graph.api('/applications').filter("startswith(displayName,'paged-')").top(2).get();
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toEqual(expect.stringContaining('$skiptoken='));
    const names: string[] = first.value.map((a: { displayName: string }) => a.displayName);
    let next: string | undefined = first['@odata.nextLink'];
    while (next) {
      const page = await graph.api(next).get();
      names.push(...page.value.map((a: { displayName: string }) => a.displayName));
      next = page['@odata.nextLink'];
    }
    expect(names.sort()).toEqual(['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);
  });

  it('hides a new object for the replication lag, then shows it', async () => {
    // A minute of lag, passed on the sandbox's clock: no wall-clock wait, and no machine is slow enough to outrun it.
    sandbox.admin.setGraphReplicationLagMs(60_000);
    try {
      const app = await graph.api('/applications').post({ displayName: 'lagging' });
      await expect(graph.api(`/applications/${app.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
      clock.advance(60_001);
      expect((await graph.api(`/applications/${app.id}`).get()).id).toBe(app.id);
    } finally {
      sandbox.admin.setGraphReplicationLagMs(0);
    }
  });

  it("recovers from a 429 and a 503 through the Graph client's retry handler", async () => {
    const app = await graph.api('/applications').post({ displayName: 'flaky-graph' });
    const before = sandbox.requestLog().filter((e) => e.operation === 'GetApplication').length;
    sandbox.faults.add({
      service: 'graph',
      operation: 'GetApplication',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 0,
    });
    sandbox.faults.add({
      service: 'graph',
      operation: 'GetApplication',
      kind: '503',
      schedule: [2],
      retryAfterSeconds: 0,
    });
    try {
      expect((await graph.api(`/applications/${app.id}`).get()).id).toBe(app.id);
      const statuses = sandbox
        .requestLog()
        .filter((e) => e.operation === 'GetApplication')
        .map((e) => e.status)
        .slice(before);
      expect(statuses).toEqual([429, 503, 200]);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('updates an application, selects fields, finds a principal by appId and restores a deleted app', async () => {
    const app = await graph.api('/applications').post({ displayName: 'patch-me' });
    await graph
      .api(`/applications/${app.id}`)
      .patch({ notes: 'HayMaker scenario principal', tags: ['HayMaker'] });
    const selected = await graph.api(`/applications/${app.id}`).select(['displayName', 'notes']).get();
    expect(selected).toEqual(
      expect.objectContaining({ id: app.id, displayName: 'patch-me', notes: 'HayMaker scenario principal' }),
    );
    expect(selected.appId).toBeUndefined();
    const sp = await graph.api('/servicePrincipals').post({ appId: app.appId });
    expect((await graph.api(`/servicePrincipals(appId='${app.appId}')`).get()).id).toBe(sp.id);
    await graph.api(`/applications/${app.id}`).delete();
    const restored = await graph.api(`/directory/deletedItems/${app.id}/restore`).post({});
    expect(restored).toMatchObject({
      id: app.id,
      deletedDateTime: null,
      '@odata.type': '#microsoft.graph.application',
    });
    expect((await graph.api(`/applications/${app.id}`).get()).tags).toEqual(['HayMaker']);
  });
});
