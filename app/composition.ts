// The composition root: the one place that decides what the registered functions run against. Settings are loaded
// and every adapter and store is built once per process, on the first invocation that needs them (loading the app
// does no I/O); the activities, the timers, the Service Bus trigger and the HTTP API all receive the same objects.
// Azure and local mode use the production wiring below; tests replace parts of it with configureApp.
import type { Dependencies, ScenarioCatalog } from '../activities/dependencies';
import type { ActivityHandlers } from '../contract/activities';
import type { AuditStore } from '../adapters/audit-store';
import type { AgentJobs } from '../adapters/container-apps';
import type { ReportStore } from '../adapters/report-store';
import { cachePromise } from '../core/cached-promise';
import type { HayMakerSettings } from '../core/config';
import { keyVaultSecretReader, loadAppConfiguration } from './config-sources';

/** What every registered function may use, built once. */
export interface AppServices {
  activities: ActivityHandlers;
  /** The audit trail: the activities write it, the Service Bus trigger keeps agent events in it, the API reads it. */
  audit: AuditStore;
  reports: ReportStore;
  scenarios: ScenarioCatalog;
  /** The agent job's executions, as the agent watchdog reads them. */
  agentJobs: Pick<AgentJobs, 'status'>;
}

export interface AppWiring {
  loadSettings: () => Promise<HayMakerSettings>;
  createServices: (settings: HayMakerSettings) => Promise<AppServices>;
  /** The triggers' clock (run ids, janitor expiry, the schedule's next slot). */
  now: () => Date;
}

async function loadProductionSettings(): Promise<HayMakerSettings> {
  const env = process.env;
  const useKeyVault = env.HAYMAKER_ENVIRONMENT !== 'local' && !!env.KEY_VAULT_URL;
  const loaded = await loadAppConfiguration({
    env,
    ...(useKeyVault
      ? { getSecret: keyVaultSecretReader(env.KEY_VAULT_URL!, env.AZURE_CLIENT_ID || undefined) }
      : {}),
    warn: (message) => console.warn(message),
  });
  return loaded.settings;
}

/** The services over one set of adapters (app/dependencies.ts), shared by the activities and everything else. */
function servicesOver(deps: Dependencies): AppServices {
  const { createActivityHandlers } = require('../activities') as typeof import('../activities');
  return {
    activities: createActivityHandlers(deps),
    audit: deps.audit,
    reports: deps.reports,
    scenarios: deps.scenarios,
    agentJobs: deps.agentJobs,
  };
}

const productionWiring: AppWiring = {
  loadSettings: loadProductionSettings,
  createServices: async (settings) => {
    // Required here, not imported at the top: building adapters creates SDK clients, which loading the app must not do.
    const { createDependencies } = require('./dependencies') as typeof import('./dependencies');
    return servicesOver(await createDependencies(settings));
  },
  now: () => new Date(),
};

let wiring: AppWiring = productionWiring;
let settings = cachePromise(() => wiring.loadSettings());
let services = cachePromise(async () => wiring.createServices(await settings()));

/** Replaces parts of the wiring (tests). Call before the first invocation; what was already built is dropped. */
export function configureApp(overrides: Partial<AppWiring>): void {
  wiring = { ...wiring, ...overrides };
  settings = cachePromise(() => wiring.loadSettings());
  services = cachePromise(async () => wiring.createServices(await settings()));
}

export const appSettings = (): Promise<HayMakerSettings> => settings();
export const appServices = (): Promise<AppServices> => services();
export const appNow = (): Date => wiring.now();
