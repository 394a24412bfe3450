import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { ACTIVITY_LOG_INGESTION_DELAY_MS } from './activitylog/ingestion';
import { adminRouter } from './core/admin-routes';
import { bearerAuth } from './core/auth';
import { createSandboxCredential } from './core/credential';
import { Faults, type ArmThrottle } from './core/faults';
import { RequestLog, type RequestLogEntry } from './core/request-log';
import { Router } from './core/router';
import { startHttpsServer } from './core/server';
import {
  endpointNames,
  type Clock,
  type EndpointName,
  type Endpoints,
  type Listener,
  type SandboxLookups,
  type SandboxServiceFactory,
  type SandboxSettings,
  type ServiceContext,
} from './core/service';
import { StateStore } from './core/state-store';
import { ensureSandboxTls } from './core/tls';
import { serviceFactories } from './services';

export type { Endpoints, EndpointName, SandboxSettings, SandboxLookups } from './core/service';
export type { FaultRuleInput, ArmThrottle } from './core/faults';
export type { RequestLogEntry } from './core/request-log';

export interface SandboxOptions {
  subscriptionId?: string;
  tenantId?: string;
  /** Default location of resources created without one. */
  location?: string;
  /** TLS material, `sandbox.json` (unless `sandboxFile`) and persisted state; a temp dir removed on stop by default. */
  dataDir?: string;
  /** Load `<dataDir>/state.json` at start and keep it up to date (the `npm run sandbox` store). */
  persistState?: boolean;
  /** Fixed ports per endpoint; 0 or absent = any free port. */
  ports?: Partial<Record<EndpointName, number>>;
  /** Seed of the generator behind `rate` faults. */
  seed?: number;
  /** ARM token buckets; Azure's figures by default (`null` per kind turns it off). */
  armThrottle?: Partial<ArmThrottle>;
  settings?: Partial<SandboxSettings>;
  /** Directory put first on PATH of Container Apps job executions (the `az` stand-in). */
  agentPathPrepend?: string;
  /** Where to write sandbox.json (DESIGN.md §4); default `<dataDir>/sandbox.json`. */
  sandboxFile?: string;
  /** Services to run; default every service in `sandbox/services.ts`. */
  services?: SandboxServiceFactory[];
  clock?: Clock;
}

export interface SandboxAdmin {
  setResourceGraphIndexLagMs(ms: number): void;
  setGraphReplicationLagMs(ms: number): void;
  /** Puts a resource straight into ARM (e.g. a decoy the janitor must leave alone). */
  putDecoyResource(resource: Parameters<NonNullable<SandboxLookups['armPutResource']>>[0]): void;
  /** Kills a running job execution's process (SIGKILL), as an agent crash; resolves false when none runs by that name. */
  crashExecution(executionName: string): Promise<boolean>;
}

export interface Sandbox {
  caCertPath: string;
  /** PEM text of the CA, for `tlsOptions: { ca }` in-process where NODE_EXTRA_CA_CERTS cannot be set. */
  caCert: string;
  subscriptionId: string;
  tenantId: string;
  location: string;
  endpoints: Endpoints;
  credential: TokenCredential;
  faults: Faults;
  settings: SandboxSettings;
  admin: SandboxAdmin;
  sandboxFile: string;
  /** Deep copy of every service's state. */
  state(): Record<string, unknown>;
  requestLog(): RequestLogEntry[];
  stop(): Promise<void>;
}

/** Starts every sandbox service on loopback HTTPS (and AMQP) and writes sandbox.json. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'haymaker-sandbox-'));
  mkdirSync(dataDir, { recursive: true });
  const tls = ensureSandboxTls(join(dataDir, 'tls'));
  const clock = options.clock ?? { now: () => Date.now() };
  const state = new StateStore();
  const statePath = join(dataDir, 'state.json');
  if (options.persistState) state.load(statePath);
  const identity = state.area('tenant', () => ({
    subscriptionId: options.subscriptionId ?? randomUUID(),
    tenantId: options.tenantId ?? randomUUID(),
  }));
  const faults = new Faults(() => clock.now(), options.seed ?? 1);
  if (options.armThrottle) faults.setArmThrottle(options.armThrottle);
  const log = new RequestLog();
  const settings: SandboxSettings = {
    resourceGraphIndexLagMs: 0,
    graphReplicationLagMs: 0,
    armOperationDelayMs: 0,
    activityLogIngestionDelayMs: ACTIVITY_LOG_INGESTION_DELAY_MS,
    ...options.settings,
  };
  const lookups: SandboxLookups = {};
  const endpoints: Endpoints = { arm: '', graph: '', keyVault: '', serviceBus: '', anthropic: '' };
  const sandboxFile = options.sandboxFile ?? join(dataDir, 'sandbox.json');
  const stoppers: (() => void | Promise<void>)[] = [];

  let saveTimer: NodeJS.Timeout | undefined;
  const scheduleSave = options.persistState
    ? () => {
        if (saveTimer) return;
        saveTimer = setTimeout(() => {
          saveTimer = undefined;
          state.save(statePath);
        }, 200);
      }
    : undefined;

  const ctx: ServiceContext = {
    subscriptionId: identity.subscriptionId,
    tenantId: identity.tenantId,
    location: options.location ?? 'eastus',
    state,
    faults,
    log,
    clock,
    ids: { guid: () => randomUUID() },
    settings,
    lookups,
    endpoints,
    caCertPath: tls.caCertPath,
    sandboxFile,
    agentPathPrepend: options.agentPathPrepend,
    onStop: (fn) => stoppers.push(fn),
  };

  const services = (options.services ?? serviceFactories).map((factory) => factory());
  const routers = new Map<EndpointName, Router>();
  const publish = new Map<EndpointName, (base: string) => string>();
  const listeners: Listener[] = [];
  const servers: { close(): Promise<void> }[] = [];
  const stopAll = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    for (const fn of stoppers.reverse()) await fn();
    for (const s of [...servers, ...listeners]) await s.close();
    if (options.persistState) state.save(statePath);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    for (const service of services) {
      if (service.register) {
        const router = routers.get(service.endpoint) ?? new Router();
        routers.set(service.endpoint, router);
        service.register(router.forService(service.name, service.auth ?? bearerAuth()), ctx);
        if (service.publishedUrl) publish.set(service.endpoint, service.publishedUrl);
      }
    }
    const admin = adminRouter({ faults, log, state, settings });
    for (const [endpoint, router] of routers) {
      const server = await startHttpsServer({
        endpoint,
        tls,
        router,
        faults,
        log,
        admin,
        port: options.ports?.[endpoint],
        onMutation: scheduleSave,
        clock,
      });
      servers.push(server);
      endpoints[endpoint] = (publish.get(endpoint) ?? ((b: string) => b))(server.url);
    }
    for (const service of services) {
      if (service.listen) {
        const listener = await service.listen(ctx, options.ports?.[service.endpoint] ?? 0);
        listeners.push(listener);
        endpoints[service.endpoint] = listener.url;
      }
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  const summary = {
    caCertPath: tls.caCertPath,
    subscriptionId: ctx.subscriptionId,
    tenantId: ctx.tenantId,
    endpoints: { ...endpoints },
  };
  mkdirSync(dirname(sandboxFile), { recursive: true });
  writeFileSync(sandboxFile, `${JSON.stringify(summary, null, 2)}\n`);

  let stopped: Promise<void> | undefined;
  return {
    caCertPath: tls.caCertPath,
    caCert: tls.caCert,
    subscriptionId: ctx.subscriptionId,
    tenantId: ctx.tenantId,
    location: ctx.location,
    endpoints,
    credential: createSandboxCredential(),
    faults,
    settings,
    sandboxFile,
    admin: {
      setResourceGraphIndexLagMs: (ms) => {
        settings.resourceGraphIndexLagMs = ms;
      },
      setGraphReplicationLagMs: (ms) => {
        settings.graphReplicationLagMs = ms;
      },
      putDecoyResource: (resource) => {
        if (!lookups.armPutResource)
          throw new Error('could not put a decoy resource: the ARM service is not running in this sandbox');
        lookups.armPutResource(resource);
      },
      crashExecution: async (executionName) => {
        if (!lookups.containerAppsCrashExecution)
          throw new Error(
            'could not crash an execution: the Container Apps service is not running in this sandbox',
          );
        return lookups.containerAppsCrashExecution(executionName);
      },
    },
    state: () => state.snapshot(),
    requestLog: () => log.list(),
    stop: () => (stopped ??= stopAll()),
  };
}

export { endpointNames };
