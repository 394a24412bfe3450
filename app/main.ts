// The Functions entry: the ONE file that registers functions (app.* / df.app.*), in Azure and locally alike.
// Loading it does no I/O: configuration and the adapters are built on the first invocation that needs them.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { ACTIVITY_NAMES, type ActivityHandlers } from '../contract/activities';
import type { HayMakerSettings } from '../core/config';
import { RUN_ENTITY_NAME, STATUS_ENTITY_NAME } from '../contract/entities';
import { runEntity } from '../entities/run-entity';
import { statusEntity } from '../entities/status-entity';
import { envelope } from '../contract/activity-envelope';
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../contract/orchestrations';
import { runOrchestration } from '../orchestrations/run-orchestration';
import { scenarioOrchestration } from '../orchestrations/scenario-orchestration';
import type { AuditStore } from '../adapters/audit-store';
import { onAgentEvent, type AgentEventSink } from '../triggers/agent-events';
import { auditStoreSink } from '../triggers/audit-sink';
import { fromDurableClient } from '../triggers/durable-client-port';
import { registerHttpApi } from '../triggers/http';
import { onJanitorTimer } from '../triggers/janitor-timer';
import { onRunTimer } from '../triggers/run-timer';
import { keyVaultSecretReader, loadAppConfiguration } from './config-sources';

/** What the registered functions are wired to. Production wiring below; local tools and tests may override. */
export interface AppWiring {
  loadSettings: () => Promise<HayMakerSettings>;
  createActivityHandlers: (settings: HayMakerSettings) => Promise<ActivityHandlers> | ActivityHandlers;
  /** The audit trail for agent events; none means events are only turned into orchestration events. */
  createAgentEventSink: (
    settings: HayMakerSettings,
  ) => Promise<AgentEventSink | undefined> | AgentEventSink | undefined;
  /** The triggers' clock (janitor expiry, run slots without schedule status). */
  now: () => Date;
  /**
   * The audit trail the activities write, shared with the HTTP API (locally it may live only in this process's
   * memory). Absent: the API builds its own from settings.
   */
  auditStore?: (settings: HayMakerSettings) => Promise<AuditStore | undefined>;
}

export const DEFAULT_SCHEDULE_CRON = '0 0 0,6,12,18 * * *';
export const DEFAULT_JANITOR_CRON = '0 30 * * * *';
export const DEFAULT_AGENT_EVENTS_QUEUE = 'agent-events';

type Dependencies = import('../activities/dependencies').Dependencies;

/** Production wiring: one set of adapters shared by the activities and the agent-event trigger. */
function productionWiring(): AppWiring {
  let dependencies: Promise<Dependencies> | undefined;
  const deps = (settings: HayMakerSettings) => {
    // Required here, not imported at the top: building adapters creates SDK clients, which loading the app must not do.
    dependencies ??= (require('./dependencies') as typeof import('./dependencies')).createDependencies(
      settings,
    );
    dependencies.catch(() => (dependencies = undefined));
    return dependencies;
  };
  return {
    loadSettings: async () => {
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
    },
    createActivityHandlers: async (settings) => {
      const { createActivityHandlers } = require('../activities') as typeof import('../activities');
      return createActivityHandlers(await deps(settings));
    },
    createAgentEventSink: async (settings) => auditStoreSink((await deps(settings)).audit),
    auditStore: async (settings) => (await deps(settings)).audit,
    now: () => new Date(),
  };
}

let wiring: AppWiring = productionWiring();
let settingsPromise: Promise<HayMakerSettings> | undefined;
let handlersPromise: Promise<ActivityHandlers> | undefined;
let sinkPromise: Promise<AgentEventSink | undefined> | undefined;

/** Replaces parts of the wiring (local mode, tests). Call before the first invocation; cached objects are dropped. */
export function configureApp(overrides: Partial<AppWiring>): void {
  const { auditStore: _productionAudit, ...rest } = wiring;
  // The production audit store belongs to the production adapters: replaced activities drop it unless given one.
  wiring = { ...(overrides.createActivityHandlers ? rest : wiring), ...overrides };
  settingsPromise = handlersPromise = sinkPromise = undefined;
}

/** Memoises a promise but forgets a rejection, so a fixed configuration is picked up by the next invocation. */
function memo<T>(
  get: () => Promise<T> | undefined,
  set: (p: Promise<T> | undefined) => void,
  make: () => Promise<T>,
): Promise<T> {
  const cached = get();
  if (cached) return cached;
  const created = make();
  set(created);
  created.catch(() => set(undefined));
  return created;
}

const settings = () =>
  memo(
    () => settingsPromise,
    (p) => (settingsPromise = p),
    () => wiring.loadSettings(),
  );
const activityHandlers = () =>
  memo(
    () => handlersPromise,
    (p) => (handlersPromise = p),
    async () => wiring.createActivityHandlers(await settings()),
  );
const agentEventSink = () =>
  memo(
    () => sinkPromise,
    (p) => (sinkPromise = p),
    async () => wiring.createAgentEventSink(await settings()),
  );

// Orchestrations and entities.
df.app.orchestration(RUN_ORCHESTRATION, runOrchestration);
df.app.orchestration(SCENARIO_ORCHESTRATION, scenarioOrchestration);
df.app.entity(RUN_ENTITY_NAME, runEntity);
df.app.entity(STATUS_ENTITY_NAME, statusEntity);

// Activities: one per name of the contract. Each answers with an envelope, its errors as values
// (contract/activity-envelope.ts says why).
for (const name of ACTIVITY_NAMES) {
  df.app.activity(name, {
    handler: (input: unknown) =>
      envelope(async () => {
        const handlers = await activityHandlers();
        const handler = handlers[name] as ((input: unknown) => Promise<unknown>) | undefined;
        if (!handler)
          throw new Error(
            `activity ${name} has no handler: createActivityHandlers must return one for every name in contract/activities.ts`,
          );
        return handler(input);
      }),
  });
}

// Schedules and the queue name come from app settings at registration: the host binds triggers before any
// invocation, so these cannot wait for Key Vault. `%NAME%` lets the host resolve the app setting itself.
app.timer('haymakerRunTimer', {
  schedule: process.env.SCHEDULE_CRON ? '%SCHEDULE_CRON%' : DEFAULT_SCHEDULE_CRON,
  extraInputs: [df.input.durableClient()],
  handler: async (timer: Timer, context: InvocationContext) => {
    const s = await settings();
    await onRunTimer({
      client: fromDurableClient(df.getClient(context)),
      scheduleCron: s.scheduleCron,
      now: wiring.now(),
      ...(timer.scheduleStatus?.next ? { next: timer.scheduleStatus.next } : {}),
      log: (m) => context.log(m),
    });
  },
});

app.timer('haymakerJanitorTimer', {
  schedule: process.env.JANITOR_CRON ? '%JANITOR_CRON%' : DEFAULT_JANITOR_CRON,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext) => {
    const s = await settings();
    const handlers = await activityHandlers();
    await onJanitorTimer({
      client: fromDurableClient(df.getClient(context)),
      sweep: (input) => handlers.janitorSweep(input),
      writeReport: (input) => handlers.writeReport(input),
      dryRun: s.janitorDryRun,
      now: wiring.now(),
      log: (m) => context.log(m),
    });
  },
});

app.serviceBusQueue('haymakerAgentEvents', {
  queueName: process.env.SERVICE_BUS_QUEUE || DEFAULT_AGENT_EVENTS_QUEUE,
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const sink = await agentEventSink();
    await onAgentEvent(message, {
      client: fromDurableClient(df.getClient(context)),
      ...(sink ? { sink } : {}),
      log: (m) => context.log(m),
    });
  },
});

// HTTP API (/api/v1/...), registered by triggers/http.
registerHttpApi(app, {
  settings,
  activityHandlers,
  now: () => wiring.now(),
  audit: async () => (wiring.auditStore ? wiring.auditStore(await settings()) : undefined),
});
