import { randomBytes } from 'node:crypto';
import { ClockOptions, createClock, HostClock } from './clock';
import { createEmbeddedClient, EmbeddedDurableClient } from './durable/client';
import { DurableEngine, type EpisodeFault } from './durable/engine';
import { TaskHubStore, type TaskHubStoreOptions } from './durable/storage/task-hub-store';
import type { FunctionRegistration } from './functions-core-standin';
import { findHostJson, readHostJson } from './host-json';
import { durableClientData } from './http/durable-webhooks';
import { startHostServer } from './http/host-server';
import { HostLogger, invoke, InvocationDeps } from './invocation';
import { loadApp } from './load-app';
import { validateHostOptions } from './options';
import { startTimerTriggers } from './triggers/timer-trigger';
import type { ServiceBusSourceFactory, ServiceBusTriggerSource } from './triggers/service-bus-source';
import { startServiceBusTriggers } from './triggers/service-bus-trigger';

export type { ClockOptions, HostClock } from './clock';
export type { EmbeddedDurableClient } from './durable/client';
export type { EpisodeFault } from './durable/engine';
export type { OrchestrationStatus } from './durable/status';
export type { FunctionRegistration } from './functions-core-standin';
export type { HostJsonSettings } from './host-json';
export type { HostLogger } from './invocation';
export type {
  ServiceBusSourceFactory,
  ServiceBusTriggerSource,
  ServiceBusTriggerMessage,
  ServiceBusBindingInfo,
} from './triggers/service-bus-source';
export { InMemoryServiceBus } from './triggers/in-memory-service-bus';
export { createAzureServiceBusSource, serviceBusClientFor } from './triggers/azure-service-bus';

export interface EmbeddedHostOptions {
  /** Path to the compiled app entry (e.g. dist/app/main.js). */
  appEntry: string;
  /** Folder of the task hub (created if missing), e.g. `.haymaker`. */
  dataDir: string;
  /** Default HAYMAKER_PORT or 7071; 0 picks a free port. */
  port?: number;
  clock?: ClockOptions;
  /** Applied to process.env before the app loads. */
  env?: Record<string, string>;
  /** Activities running at once (default: host.json extensions.durableTask.maxConcurrentActivityFunctions). */
  activityConcurrency?: number;
  /** Key for `function`/`admin` HTTP functions; default HAYMAKER_HOST_KEY or a random key. */
  hostKey?: string;
  serviceBus?: ServiceBusSourceFactory;
  logger?: HostLogger;
  /** Default: host.json extensions.durableTask.hubName. */
  taskHubName?: string;
  /** The app's host.json (default: the nearest one at or above the app entry's folder). */
  hostJson?: string;
  /** 'V3' (default) or 'V2' replay schema. */
  schema?: 'V2' | 'V3';
  /** Task hub log tuning and test hooks (crash tests). */
  taskHubStore?: TaskHubStoreOptions;
}

export interface EmbeddedHost {
  url: string;
  port: number;
  hostKey: string;
  /** HTTP functions are served under `/<routePrefix>/` (host.json extensions.http.routePrefix; '' = the root). */
  routePrefix: string;
  taskHubName: string;
  client: EmbeddedDurableClient;
  /** The durable client binding data the app's functions get (benchmarks build the SDK's own client from it). */
  durableClientData(): unknown;
  clock: HostClock;
  functions: FunctionRegistration[];
  /** Arms a scripted orchestrator failure (fault tests and local drills). */
  injectEpisodeFault(fault: EpisodeFault): void;
  stop(): Promise<void>;
}

const defaultLogger: HostLogger = (level, message) => {
  if (level === 'error' || level === 'critical' || level === 'warning')
    process.stderr.write(`[embedded-host] ${level}: ${message}\n`);
};

export async function startEmbeddedHost(options: EmbeddedHostOptions): Promise<EmbeddedHost> {
  validateHostOptions(options);
  for (const [k, v] of Object.entries(options.env ?? {})) process.env[k] = v;
  const logger = options.logger ?? defaultLogger;
  const hostJson = readHostJson(options.hostJson ?? findHostJson(options.appEntry), process.env);
  const taskHubName = options.taskHubName ?? hostJson.hubName;
  const hostKey = options.hostKey ?? process.env.HAYMAKER_HOST_KEY ?? randomBytes(24).toString('base64url');
  const { registrations, functionsModule } = loadApp(options.appEntry);
  const hub = await TaskHubStore.open(options.dataDir, options.taskHubStore);
  const { store } = hub;
  const clockOptions = options.clock ?? { kind: 'real' };
  // The manual clock waits for the engine to settle; the engine is made after the clock.
  const settling: { settle?: () => Promise<void> } = {};
  // A scaled clock restarts at wall time; orchestration time must not fall behind what the hub saw.
  const clock = createClock(
    clockOptions.kind === 'scaled' && clockOptions.startAt === undefined
      ? { ...clockOptions, startAt: Math.max(Date.now(), latestUpdate(hub.records) ?? 0) }
      : clockOptions,
    () => settling.settle,
  );
  const byName = new Map(registrations.map((r) => [r.name, r]));
  const ofType = (name: string, type: string): FunctionRegistration => {
    const reg = byName.get(name);
    if (!reg || reg.trigger.type !== type)
      throw new Error(`no ${type} function named "${name}" is registered by ${options.appEntry}`);
    return reg;
  };
  const server = { url: '', rpcUrl: '' };
  const deps: InvocationDeps = {
    functionsModule,
    logger,
    clientData: () => durableClientData(server.url, taskHubName, hostKey, server.rpcUrl),
  };
  const engine = new DurableEngine({
    store,
    clock,
    activityConcurrency: options.activityConcurrency ?? hostJson.maxConcurrentActivityFunctions,
    upperSchemaVersion: options.schema === 'V2' ? 1 : 2,
    log: (m) => logger('warning', m),
    invokers: {
      orchestrator: (name, input) => invoke(ofType(name, 'orchestrationTrigger'), input, deps),
      activity: (name, input) => invoke(ofType(name, 'activityTrigger'), input, deps),
      entity: (name, input) => invoke(ofType(name, 'entityTrigger'), input, deps),
      hasOrchestrator: (name) => byName.get(name)?.trigger.type === 'orchestrationTrigger',
      entityFunctionName: (lower) =>
        registrations.find((r) => r.trigger.type === 'entityTrigger' && r.name.toLowerCase() === lower)?.name,
    },
  });
  const http = await startHostServer({
    port: options.port ?? Number(process.env.HAYMAKER_PORT ?? 7071),
    registrations,
    routePrefix: hostJson.routePrefix,
    hostKey,
    taskHubName,
    management: engine.management,
    deps,
    logger,
  }).catch(async (error: unknown) => {
    await store.close().catch(() => undefined);
    throw error;
  });
  server.url = http.url;
  server.rpcUrl = http.rpcUrl;
  // df.getClient rewrites binding URLs to localhost:7071 unless WEBSITE_HOSTNAME names the host.
  if (!process.env.WEBSITE_HOSTNAME || process.env.WEBSITE_HOSTNAME.includes('0.0.0.0'))
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${http.port}`;

  engine.start(hub);
  settling.settle = () => engine.settled();
  const stopTimers = startTimerTriggers(registrations, clock, deps, process.env);
  const sources: ServiceBusTriggerSource[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Timer invocations still running finish first, while the engine and the services they call are up.
    await stopTimers();
    await Promise.all(sources.map((s) => s.stop().catch(() => undefined)));
    await engine.stop();
    await store.close();
    clock.dispose();
    await http.close();
  };
  try {
    sources.push(
      ...(await startServiceBusTriggers(registrations, options.serviceBus, {
        deps,
        logger,
        maxConcurrentCalls: hostJson.serviceBusMaxConcurrentCalls,
      })),
    );
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    url: http.url,
    port: http.port,
    hostKey,
    routePrefix: hostJson.routePrefix,
    taskHubName,
    client: createEmbeddedClient(engine.management),
    durableClientData: deps.clientData,
    clock,
    functions: registrations,
    injectEpisodeFault: (fault) => engine.faults.inject(fault),
    stop,
  };
}

/** Latest lastUpdatedTime in the hub, so a restarted scaled clock never runs backwards. */
function latestUpdate(records: { lastUpdatedTime: string }[]): number | undefined {
  let latest: number | undefined;
  for (const record of records) {
    const t = Date.parse(record.lastUpdatedTime);
    if (!Number.isNaN(t) && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}
