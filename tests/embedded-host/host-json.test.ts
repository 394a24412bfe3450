// The embedded host reads the app's host.json as the Functions host does: the HTTP route prefix, the task hub name
// (an app setting when written %NAME%), the activity concurrency and the Service Bus trigger's concurrency.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryServiceBus, type ServiceBusBindingInfo } from '../../embedded-host';
import { findHostJson, readHostJson } from '../../embedded-host/host-json';
import { appPath, repoRoot, startTestHost, tempDataDir } from './start-test-host';

const gatewayHostJson = path.join(repoRoot, 'tests', 'embedded-host', 'fixtures', 'gateway-app', 'host.json');

function hostJsonFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-hostjson-'));
  const file = path.join(dir, 'host.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('embedded host: host.json', () => {
  it("finds the app's host.json above the compiled entry and reads the repository's settings", () => {
    const file = findHostJson(appPath('basic-app'));
    expect(file).toBe(path.join(repoRoot, 'host.json'));
    expect(readHostJson(file, {})).toEqual({
      file,
      routePrefix: 'api',
      hubName: 'HayMakerHub',
      maxConcurrentActivityFunctions: 10,
      serviceBusMaxConcurrentCalls: 8,
    });
  });

  it("applies the Functions defaults to what host.json leaves out, and the site's name as the hub name", () => {
    const file = hostJsonFile({ version: '2.0' });
    const cpus = os.availableParallelism();
    expect(readHostJson(file, {})).toMatchObject({
      routePrefix: 'api',
      hubName: 'TestHubName',
      maxConcurrentActivityFunctions: 10 * cpus,
      serviceBusMaxConcurrentCalls: 16 * cpus,
    });
    expect(readHostJson(file, { WEBSITE_SITE_NAME: 'haymakerfunc' }).hubName).toBe('haymakerfunc');
    expect(
      readHostJson(hostJsonFile({ version: '2.0', extensions: { http: { routePrefix: '' } } }), {}),
    ).toMatchObject({ routePrefix: '' });
  });

  it('refuses a host.json it cannot honour, saying what to change', () => {
    expect(() => readHostJson(hostJsonFile({ extensions: {} }), {})).toThrow(/version must be "2.0"/);
    const fromSetting = hostJsonFile({ version: '2.0', extensions: { durableTask: { hubName: '%HUB%' } } });
    expect(() => readHostJson(fromSetting, {})).toThrow(/reads app setting HUB, which is not set/);
    expect(readHostJson(fromSetting, { HUB: 'FromSetting' }).hubName).toBe('FromSetting');
    expect(() => readHostJson(fromSetting, { HUB: 'bad-name' })).toThrow(/3–45 letters and digits/);
    const zeroCalls = hostJsonFile({ version: '2.0', extensions: { serviceBus: { maxConcurrentCalls: 0 } } });
    expect(() => readHostJson(zeroCalls, {})).toThrow(/extensions\.serviceBus\.maxConcurrentCalls/);
  });

  it("serves HTTP functions under host.json's route prefix, names its task hub, and limits activities and Service Bus calls as it says", async () => {
    const bindings: ServiceBusBindingInfo[] = [];
    const bus = new InMemoryServiceBus();
    const host = await startTestHost({
      dataDir: tempDataDir(),
      hostJson: gatewayHostJson,
      env: { TEST_TIMER_SCHEDULE: '0 0 * * * *', TEST_TASK_HUB: 'GatewayHub' },
      serviceBus: (binding) => {
        bindings.push(binding);
        return bus.factory()(binding);
      },
    });
    try {
      expect(host.routePrefix).toBe('gateway');
      expect((await fetch(`${host.url}/gateway/hello/world`)).status).toBe(200);
      expect((await fetch(`${host.url}/api/hello/world`)).status).toBe(404);

      expect(host.taskHubName).toBe('GatewayHub');
      const started = await fetch(`${host.url}/gateway/orchestrators/sequence/hub-1`, {
        method: 'POST',
        headers: { 'x-functions-key': host.hostKey },
      });
      expect(started.status).toBe(202);
      const links = (await started.json()) as { statusQueryGetUri: string };
      expect(new URL(links.statusQueryGetUri).searchParams.get('taskHub')).toBe('GatewayHub');

      const probe = await host.client.startNew('probeFanOut');
      const peak = (await host.client.waitForCompletion(probe, { timeoutMs: 20_000 })).output;
      expect(peak).toBe(3);

      expect(bindings.map((b) => [b.functionName, b.maxConcurrentCalls])).toEqual([['queueListener', 5]]);
    } finally {
      await host.stop();
    }
  });
});
