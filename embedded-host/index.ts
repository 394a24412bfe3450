import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClockOptions, createClock, HostClock } from './clock';
import { createEmbeddedClient, EmbeddedDurableClient } from './durable/client';
import { DurableEngine, type EpisodeFault } from './durable/engine';
import { TaskHubStore, type TaskHubStoreOptions } from './durable/storage/task-hub-store';
import type { FunctionRegistration } from './functions-core-standin';
import { durableClientData, handleWebhook, WEBHOOK_PREFIX } from './http/durable-webhooks';
import { handleHttpTrigger, httpRoutes } from './http/http-triggers';
import { readBody } from './http/read-body';
import { HostLogger, invoke, InvocationDeps } from './invocation';
import { loadApp } from './load-app';
import { validateHostOptions } from './options';
import { startTimerTriggers } from './triggers/timer-trigger';
import type { ServiceBusSourceFactory, ServiceBusTriggerSource } from './triggers/service-bus-source';

export type { ClockOptions, HostClock } from './clock';
export type { EmbeddedDurableClient } from './durable/client';
export type { EpisodeFault } from './durable/engine';
export type { OrchestrationStatus } from './durable/status';
export type { FunctionRegistration } from './functions-core-standin';
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
  /** Activities running at once (default 10, as host.json maxConcurrentActivityFunctions). */
  activityConcurrency?: number;
  /** Key for `function`/`admin` HTTP functions; default HAYMAKER_HOST_KEY or a random key. */
  hostKey?: string;
  serviceBus?: ServiceBusSourceFactory;
  logger?: HostLogger;
  taskHubName?: string;
  /** 'V3' (default) or 'V2' replay schema. */
  schema?: 'V2' | 'V3';
  /** Task hub log tuning and test hooks (crash tests). */
  taskHubStore?: TaskHubStoreOptions;
}

export interface EmbeddedHost {
  url: string;
  port: number;
  hostKey: string;
  client: EmbeddedDurableClient;
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
  const hub = await TaskHubStore.open(options.dataDir, options.taskHubStore);
  const { store } = hub;
  const clockOptions = options.clock ?? { kind: 'real' };
  // A scaled clock restarts at wall time; orchestration time must not fall behind what the hub saw.
  // The manual clock waits for the engine to settle; the engine is made after the clock.
  const settling: { settle?: () => Promise<void> } = {};
  const clock = createClock(
    clockOptions.kind === 'scaled' && clockOptions.startAt === undefined
      ? { ...clockOptions, startAt: Math.max(Date.now(), latestUpdate(hub.records) ?? 0) }
      : clockOptions,
    () => settling.settle,
  );
  const hostKey = options.hostKey ?? process.env.HAYMAKER_HOST_KEY ?? randomBytes(24).toString('base64url');
  const taskHubName = options.taskHubName ?? 'HayMakerHub';
  const { registrations, functionsModule } = loadApp(options.appEntry);
  const byName = new Map(registrations.map((r) => [r.name, r]));
  const ofType = (name: string, type: string): FunctionRegistration => {
    const reg = byName.get(name);
    if (!reg || reg.trigger.type !== type)
      throw new Error(`no ${type} function named "${name}" is registered by ${options.appEntry}`);
    return reg;
  };

  let baseUrl = '';
  const deps: InvocationDeps = {
    functionsModule,
    logger,
    clientData: () => durableClientData(baseUrl, taskHubName),
  };
  const engine = new DurableEngine({
    store,
    clock,
    activityConcurrency: options.activityConcurrency ?? 10,
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

  const routes = httpRoutes(registrations);
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const body = await readBody(req);
      if (url.pathname.startsWith(`${WEBHOOK_PREFIX}/`)) {
        const reply = await handleWebhook(
          engine.management,
          (req.method ?? 'GET').toUpperCase(),
          url,
          body.toString('utf8'),
          baseUrl,
          taskHubName,
        );
        const payload =
          reply.body === undefined
            ? ''
            : typeof reply.body === 'string'
              ? reply.body
              : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
          ...reply.headers,
        });
        res.end(payload);
        return;
      }
      const reply =
        url.pathname === '/api' || url.pathname.startsWith('/api/')
          ? await handleHttpTrigger(routes, req, url, body, hostKey, deps)
          : undefined;
      if (!reply) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`no function serves ${req.method} ${url.pathname}`);
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch((err: unknown) => {
      logger('error', `request ${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('embedded host error; see the host log');
    });
  });
  // Node closes an idle keep-alive connection after 5 s, and a client that picks that socket at the same moment gets
  // ECONNRESET (the durable client's webhook calls did, under load). The Functions host keeps them for minutes.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  const port = options.port ?? Number(process.env.HAYMAKER_PORT ?? 7071);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new Error(
          `embedded host could not listen on 127.0.0.1:${port}: ${err.message} — set HAYMAKER_PORT or pass port: 0`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${actualPort}`;
  // df.getClient rewrites binding URLs to localhost:7071 unless WEBSITE_HOSTNAME names the host.
  if (!process.env.WEBSITE_HOSTNAME || process.env.WEBSITE_HOSTNAME.includes('0.0.0.0'))
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${actualPort}`;

  engine.start(hub);
  settling.settle = () => engine.settled();
  const stopTimers = startTimerTriggers(registrations, clock, deps, process.env);
  const sources: ServiceBusTriggerSource[] = [];
  for (const reg of registrations.filter((r) => r.trigger.type === 'serviceBusTrigger')) {
    if (!options.serviceBus) {
      logger(
        'warning',
        `Service Bus function "${reg.name}" is not wired: pass a serviceBus source to startEmbeddedHost`,
      );
      continue;
    }
    const source = options.serviceBus({
      functionName: reg.name,
      queueName: String(reg.trigger.queueName),
      connection: String(reg.trigger.connection ?? ''),
      env: process.env,
    });
    sources.push(source);
    await source.start(async (message) => {
      await invoke(reg, message.body, deps, {
        messageId: message.messageId,
        deliveryCount: message.deliveryCount,
        applicationProperties: message.applicationProperties,
        contentType: message.contentType,
      });
    });
  }

  let stopped = false;
  return {
    url: baseUrl,
    port: actualPort,
    hostKey,
    client: createEmbeddedClient(engine.management),
    clock,
    functions: registrations,
    injectEpisodeFault: (fault) => engine.faults.inject(fault),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      stopTimers();
      await Promise.all(sources.map((s) => s.stop().catch(() => undefined)));
      await engine.stop();
      await store.close();
      clock.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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
