import { startSandbox, type Sandbox } from '../../sandbox';
import { createGraphService } from '../../sandbox/graph/service';
import { createArmService } from '../../sandbox/arm/service';
import { createGraphDirectory, type GraphDirectory } from '../../adapters/graph';
import { recordingRetry, type RecordingRetry } from './helpers/sandbox-context';

describe('Microsoft Graph adapter against the sandbox', () => {
  let sandbox: Sandbox;
  let retry: RecordingRetry;
  let graph: GraphDirectory;
  // Real time plus what a test's retry sleeps add: a replication lag then ends by the adapter's waits, not by how
  // fast a loaded machine gets from one request to the next.
  let sleptMs = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({
      services: [createArmService, createGraphService],
      clock: { now: () => Date.now() + sleptMs },
    });
  });
  beforeEach(() => {
    retry = recordingRetry();
    graph = createGraphDirectory({
      credential: sandbox.credential,
      graphEndpoint: sandbox.endpoints.graph,
      tlsCa: sandbox.caCert,
      retry,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('creates an application and its service principal once however often it is asked', async () => {
    const app = await graph.createOrGetApplication('AzureHayMaker-compute-01-vm-run00001-admin');
    const again = await graph.createOrGetApplication('AzureHayMaker-compute-01-vm-run00001-admin');
    expect(app.created).toBe(true);
    expect(again).toMatchObject({ id: app.id, appId: app.appId, created: false });
    const sp = await graph.createOrGetServicePrincipal(app.appId);
    const spAgain = await graph.createOrGetServicePrincipal(app.appId);
    expect(spAgain).toMatchObject({ id: sp.id, created: false });
    expect(await graph.findServicePrincipalByAppId(app.appId)).toMatchObject({ id: sp.id });
    const listed = await graph.listApplicationsByPrefix('AzureHayMaker-compute-01-vm-run00001');
    expect(listed.map((a) => a.id)).toEqual([app.id]);
  });

  it('hands the password text only to the caller, in Azure shape', async () => {
    const app = await graph.createOrGetApplication('AzureHayMaker-pw-01-x-run00002-admin');
    const password = await graph.addPassword(app.id, {
      displayName: 'haymaker',
      endDateTime: '2030-01-01T00:00:00Z',
    });
    expect(password.secretText).toMatch(/^.{3}\dQ~.{34}$/);
    // Nothing about the secret reaches the request log.
    expect(JSON.stringify(sandbox.requestLog())).not.toContain(password.secretText);
  });

  it('deletes app and service principal, purges the deleted item, and then reads all of them as gone', async () => {
    const app = await graph.createOrGetApplication('AzureHayMaker-del-01-x-run00003-admin');
    const sp = await graph.createOrGetServicePrincipal(app.appId);
    expect(await graph.deleteServicePrincipal(sp.id)).toBe('deleted');
    expect(await graph.deleteApplication(app.id)).toBe('deleted');
    expect(await graph.getDeletedItem(app.id)).toEqual({ id: app.id });
    expect(await graph.purgeDeletedItem(app.id)).toBe('deleted');
    expect(await graph.getApplication(app.id)).toBeUndefined();
    expect(await graph.getServicePrincipal(sp.id)).toBeUndefined();
    expect(await graph.getDeletedItem(app.id)).toBeUndefined();
    expect(await graph.deleteApplication(app.id)).toBe('notFound');
    expect(await graph.purgeDeletedItem(app.id)).toBe('notFound');
  });

  it('leaves applications outside the prefix alone and recovers from 429/503', async () => {
    await graph.createOrGetApplication('Production-App');
    sandbox.faults.add({
      service: 'graph',
      operation: 'UpsertApplication',
      kind: '429',
      times: 1,
      retryAfterSeconds: 4,
    });
    sandbox.faults.add({ service: 'graph', operation: 'UpsertApplication', kind: '503', times: 1 });
    const app = await graph.createOrGetApplication('AzureHayMaker-fault-01-x-run00004-admin');
    sandbox.faults.clear();
    expect(app.created).toBe(true);
    expect(retry.waits).toEqual([4000, 1000]);
    const names = (await graph.listApplicationsByPrefix('AzureHayMaker-')).map((a) => a.displayName);
    expect(names).not.toContain('Production-App');
  });

  it('retries the service principal create through replication lag of a new application', async () => {
    // Far longer than any real pause between two requests, shorter than the retry schedule (1 + 2 + ... + 32 s):
    // only the retry sleeps below make the lag pass.
    sandbox.settings.graphReplicationLagMs = 30_000;
    try {
      const app = await graph.createOrGetApplication('AzureHayMaker-lag-01-x-run00005-admin');
      const waits: number[] = [];
      const clockMovingRetry = {
        sleep: async (ms: number) => {
          waits.push(ms);
          sleptMs += ms;
        },
      };
      const lagged = createGraphDirectory({
        credential: sandbox.credential,
        graphEndpoint: sandbox.endpoints.graph,
        tlsCa: sandbox.caCert,
        retry: clockMovingRetry,
      });
      const sp = await lagged.createOrGetServicePrincipal(app.appId);
      expect(sp.appId).toBe(app.appId);
      expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(30_000);
    } finally {
      sandbox.settings.graphReplicationLagMs = 0;
    }
  });
});
