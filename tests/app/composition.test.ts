// The composition root: settings and services are built once per process and shared by every caller; a failed build
// is forgotten, so the next invocation picks up a fixed configuration.
import { appServices, appSettings, configureApp, type AppServices } from '../../app/composition';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import type { HayMakerSettings } from '../../core/config';
import { localTestSettings } from '../../testkit/local-settings';

const settings: HayMakerSettings = localTestSettings();

function fakeServices(): AppServices {
  return {
    activities: {} as AppServices['activities'],
    audit: createMemoryAuditStore(),
    reports: { write: async () => 'nowhere', read: async () => undefined },
    scenarios: { list: async () => [] },
    agentJobs: { status: async () => ({ found: false }) },
  };
}

describe('app composition', () => {
  it('builds settings and services once and hands the same objects to every caller', async () => {
    let loads = 0;
    const built: HayMakerSettings[] = [];
    configureApp({
      loadSettings: async () => (loads++, settings),
      createServices: async (s) => (built.push(s), fakeServices()),
    });
    const [a, b] = await Promise.all([appServices(), appServices()]);
    expect(a).toBe(b);
    expect(a.audit).toBe((await appServices()).audit);
    expect(await appSettings()).toBe(settings);
    expect(loads).toBe(1);
    expect(built).toEqual([settings]);
  });

  it('forgets a failed configuration, so the next invocation loads it again', async () => {
    let attempts = 0;
    configureApp({
      loadSettings: async () => {
        if (++attempts === 1) throw new Error('configuration is invalid: AZURE_TENANT_ID is required');
        return settings;
      },
      createServices: async () => fakeServices(),
    });
    await expect(appServices()).rejects.toThrow('AZURE_TENANT_ID is required');
    await expect(appServices()).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });

  it('drops what was built when the wiring is replaced', async () => {
    configureApp({ loadSettings: async () => settings, createServices: async () => fakeServices() });
    const first = await appServices();
    configureApp({ createServices: async () => fakeServices() });
    expect(await appServices()).not.toBe(first);
  });
});
