import { EmbeddedHost } from '../../embedded-host';
import { eventually, startTestHost } from './start-test-host';

/** A management URL with the host key the durable webhooks require (?code=, as the Durable extension's system key). */
const hook = (host: EmbeddedHost, path: string): string =>
  `${host.url}/runtime/webhooks/durabletask/${path}${path.includes('?') ? '&' : '?'}code=${host.hostKey}`;

describe('embedded host: HTTP triggers and the durable management API', () => {
  let host: EmbeddedHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(async () => {
    await host.stop();
  });

  it('serves an anonymous route with parameters and query', async () => {
    const res = await fetch(`${host.url}/api/hello/world?q=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'world', q: '1' });
    expect((await fetch(`${host.url}/api/hello/world`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses the durable management webhooks without the host key, as the Durable extension does without its system key', async () => {
    const bare = `${host.url}/runtime/webhooks/durabletask/instances`;
    expect((await fetch(bare)).status).toBe(401);
    expect((await fetch(`${bare}?code=wrong-key-value`)).status).toBe(401);
    expect((await fetch(`${bare}/any/terminate?reason=x`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(hook(host, 'instances'))).status).toBe(200);
    expect((await fetch(bare, { headers: { 'x-functions-key': host.hostKey } })).status).toBe(200);
  });

  it('refuses a function-level route without the key and starts an orchestration through df.getClient with it', async () => {
    const url = `${host.url}/api/orchestrators/sequence/http-1`;
    const denied = await fetch(url, { method: 'POST', body: JSON.stringify(['q']) });
    expect(denied.status).toBe(401);
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(['q']),
      headers: { 'x-functions-key': host.hostKey },
    });
    expect(res.status).toBe(202);
    const payload = (await res.json()) as { id: string; statusQueryGetUri: string; sendEventPostUri: string };
    expect(payload.id).toBe('http-1');
    expect(
      payload.statusQueryGetUri.startsWith(`${host.url}/runtime/webhooks/durabletask/instances/http-1`),
    ).toBe(true);
    await host.client.waitForCompletion('http-1', { timeoutMs: 10_000 });
    const status = await (await fetch(payload.statusQueryGetUri)).json();
    expect(status).toMatchObject({ instanceId: 'http-1', runtimeStatus: 'Completed', output: ['q'] });
    // The app's own getStatus (showHistory) goes through the webhooks too.
    expect(await (await fetch(`${host.url}/api/status/http-1`)).json()).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['q'],
    });
    expect(
      (await fetch(`${url.replace('http-1', 'http-2')}?code=${host.hostKey}`, { method: 'POST' })).status,
    ).toBe(202);
  });

  it('starts, raises an event, suspends, resumes and terminates through the webhooks', async () => {
    const started = await fetch(hook(host, 'orchestrators/waitForever/w1'), { method: 'POST' });
    expect(started.status).toBe(202);
    await eventually(async () =>
      (await host.client.getStatus('w1'))?.runtimeStatus === 'Running' ? true : undefined,
    );
    expect((await fetch(hook(host, 'instances/w1/suspend?reason=pause'), { method: 'POST' })).status).toBe(
      202,
    );
    expect((await host.client.getStatus('w1'))?.runtimeStatus).toBe('Suspended');
    expect(
      (
        await fetch(hook(host, 'instances/w1/raiseEvent/release'), {
          method: 'POST',
          body: JSON.stringify({ v: 1 }),
        })
      ).status,
    ).toBe(202);
    await new Promise((r) => setTimeout(r, 50));
    expect((await host.client.getStatus('w1'))?.runtimeStatus).toBe('Suspended');
    expect((await fetch(hook(host, 'instances/w1/resume?reason=go'), { method: 'POST' })).status).toBe(202);
    expect((await host.client.waitForCompletion('w1', { timeoutMs: 10_000 })).output).toEqual({ v: 1 });
    const w1History =
      (await host.client.getStatus('w1', { showHistory: true }))?.historyEvents?.map((e) => e.EventType) ??
      [];
    expect(w1History).toEqual(
      expect.arrayContaining(['ExecutionSuspended', 'ExecutionResumed', 'EventRaised']),
    );

    await fetch(hook(host, 'orchestrators/waitForever/w2'), { method: 'POST' });
    expect((await fetch(hook(host, 'instances/w2/terminate?reason=enough'), { method: 'POST' })).status).toBe(
      202,
    );
    const terminated = await fetch(hook(host, 'instances/w2'));
    expect(await terminated.json()).toMatchObject({ runtimeStatus: 'Terminated', output: 'enough' });
    expect((await fetch(hook(host, 'instances/w2/terminate?reason=again'), { method: 'POST' })).status).toBe(
      410,
    );
    expect(
      (await host.client.getStatus('w2', { showHistory: true }))?.historyEvents?.map((e) => e.EventType),
    ).toContain('ExecutionTerminated');
  });

  it('rewinds a failed instance so its failed activity runs again, then purges it', async () => {
    await fetch(hook(host, 'orchestrators/rewindable/rw1'), {
      method: 'POST',
      body: JSON.stringify('rw-key'),
    });
    const failed = await host.client.waitForCompletion('rw1', { timeoutMs: 10_000 });
    expect(failed.runtimeStatus).toBe('Failed');
    expect(String(failed.output)).toContain('flaky attempt 1 failed');
    expect((await fetch(hook(host, 'instances/rw1/rewind?reason=fixed'), { method: 'POST' })).status).toBe(
      202,
    );
    const done = await host.client.waitForCompletion('rw1', { timeoutMs: 10_000 });
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: ['before', 'ok after 2'] });
    expect((await fetch(hook(host, 'instances/rw1/rewind'), { method: 'POST' })).status).toBe(412);

    const purge = await fetch(hook(host, 'instances/rw1'), { method: 'DELETE' });
    expect(await purge.json()).toEqual({ instancesDeleted: 1 });
    expect((await fetch(hook(host, 'instances/rw1'))).status).toBe(404);
  });

  it('rewinds a parent that failed because its sub-orchestration failed, rewinding the child too', async () => {
    const failed = await host.client.waitForCompletion(
      await host.client.startNew('parentOfFlaky', { instanceId: 'pf', input: 'pf-key' }),
      { timeoutMs: 10_000 },
    );
    expect(failed.runtimeStatus).toBe('Failed');
    expect((await host.client.getStatus('pf:kid'))?.runtimeStatus).toBe('Failed');
    expect((await fetch(hook(host, 'instances/pf/rewind?reason=retry'), { method: 'POST' })).status).toBe(
      202,
    );
    const done = await host.client.waitForCompletion('pf', { timeoutMs: 10_000 });
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: 'ok after 2' });
    expect((await host.client.getStatus('pf:kid'))?.runtimeStatus).toBe('Completed');
  });

  it('lists instances by status and reads and signals entities', async () => {
    const list = (await (await fetch(hook(host, 'instances?runtimeStatus=Terminated'))).json()) as {
      instanceId: string;
    }[];
    expect(list.map((s) => s.instanceId)).toContain('w2');
    expect(
      (await fetch(hook(host, 'entities/counter/h1?op=add'), { method: 'POST', body: '7' })).status,
    ).toBe(202);
    const state = await eventually(async () => {
      const res = await fetch(hook(host, 'entities/counter/h1'));
      return res.status === 200 ? res.json() : undefined;
    });
    expect(state).toBe(7);
    expect((await fetch(hook(host, 'entities/counter/none'))).status).toBe(404);
  });
});
