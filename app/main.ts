// The Functions entry: the ONE file that registers functions (app.* / df.app.*), in Azure and locally alike. What
// the functions run against comes from the composition root (app/composition.ts), built on the first invocation that
// needs it: loading this file does no I/O.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { activityLog } from '../activities/activity-log';
import { ACTIVITY_NAMES } from '../contract/activities';
import { envelope } from '../contract/activity-envelope';
import { RUN_ENTITY_NAME, STATUS_ENTITY_NAME } from '../contract/entities';
import { RUN_ROSTER_ENTITY_NAME, RUN_SCENARIO_ENTITY_NAME } from '../contract/run-shards';
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../contract/orchestrations';
import { defaultValueOf } from '../core/config/keys';
import type { Log } from '../core/log';
import { createScrubber } from '../core/scrub';
import { runEntity, runRosterEntity, runScenarioEntity } from '../entities/run-entity';
import { statusEntity } from '../entities/status-entity';
import { burstsEntity } from '../entities/bursts-entity';
import { BURSTS_ENTITY_NAME } from '../contract/bursts';
import { onBurstDriver } from '../triggers/burst-driver';
import { tickTime } from '../triggers/timer-tick';
import { runOrchestration } from '../orchestrations/run-orchestration';
import { scenarioOrchestration } from '../orchestrations/scenario-orchestration';
import { onAgentEvent } from '../triggers/agent-events';
import { auditStoreSink } from '../triggers/audit-sink';
import { fromDurableClient } from '../triggers/durable-client-port';
import { registerHttpApi } from '../triggers/http';
import { apiAuthSettings } from '../triggers/http/authorize';
import { onJanitorTimer } from '../triggers/janitor-timer';
import { onAgentWatchdog, type WatchdogMemory } from '../triggers/agent-watchdog';
import { onRunTimer } from '../triggers/run-timer';
import { appNow, appServices, appSettings } from './composition';
import { errorText } from '../core/error-text';

// Orchestrations and entities.
df.app.orchestration(RUN_ORCHESTRATION, runOrchestration);
df.app.orchestration(SCENARIO_ORCHESTRATION, scenarioOrchestration);
df.app.entity(RUN_ENTITY_NAME, runEntity);
df.app.entity(RUN_SCENARIO_ENTITY_NAME, runScenarioEntity);
df.app.entity(RUN_ROSTER_ENTITY_NAME, runRosterEntity);
df.app.entity(STATUS_ENTITY_NAME, statusEntity);
df.app.entity(BURSTS_ENTITY_NAME, burstsEntity);

// Activities: one per name of the contract. Each answers with an envelope, its errors as values
// (contract/activity-envelope.ts says why), and gets a logger stamped with the instance that called it.
const scrub = createScrubber([]);
for (const name of ACTIVITY_NAMES) {
  df.app.activity(name, {
    handler: (input: unknown, context: InvocationContext) => {
      const log = activityLog(name, input, context, appNow);
      return envelope(async () => {
        const handler = (await appServices()).activities[name] as
          ((input: unknown, log: Log) => Promise<unknown>) | undefined;
        if (!handler)
          throw new Error(
            `activity ${name} has no handler: createActivityHandlers must return one for every name in contract/activities.ts`,
          );
        try {
          return await handler(input, log);
        } catch (error) {
          log.warn(`failed: ${scrub(errorText(error))}`);
          throw error;
        }
      });
    },
  });
}

// Schedules and the queue name come from app settings at registration: the host binds triggers before any
// invocation, so these cannot wait for Key Vault. `%NAME%` lets the host resolve the app setting itself.
app.timer('haymakerRunTimer', {
  schedule: process.env.SCHEDULE_CRON ? '%SCHEDULE_CRON%' : defaultValueOf('SCHEDULE_CRON')!,
  extraInputs: [df.input.durableClient()],
  handler: async (timer: Timer, context: InvocationContext) => {
    const settings = await appSettings();
    await onRunTimer({
      client: fromDurableClient(df.getClient(context)),
      scheduleCron: settings.scheduleCron,
      now: appNow(),
      ...(timer.scheduleStatus?.next ? { next: timer.scheduleStatus.next } : {}),
      log: (m) => context.log(m),
    });
  },
});

app.timer('haymakerJanitorTimer', {
  schedule: process.env.JANITOR_CRON ? '%JANITOR_CRON%' : defaultValueOf('JANITOR_CRON')!,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext) => {
    const [settings, services] = await Promise.all([appSettings(), appServices()]);
    await onJanitorTimer({
      client: fromDurableClient(df.getClient(context)),
      sweep: services.activities.janitorSweep,
      writeReport: services.activities.writeReport,
      dryRun: settings.janitorDryRun,
      now: appNow(),
      log: (m) => context.log(m),
    });
  },
});

/** The watchdog's and the burst driver's schedule: the app setting when set, else the default. */
const agentTickSchedule = process.env.AGENT_WATCHDOG_CRON
  ? '%AGENT_WATCHDOG_CRON%'
  : defaultValueOf('AGENT_WATCHDOG_CRON')!;

// Agent jobs that ended without reporting: their scenario orchestrations are told, so the phase runs again.
const watchdogMemory: WatchdogMemory = new Map();
app.timer('haymakerAgentWatchdog', {
  schedule: agentTickSchedule,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext) => {
    const [settings, services] = await Promise.all([appSettings(), appServices()]);
    await onAgentWatchdog({
      client: fromDurableClient(df.getClient(context)),
      executions: services.agentJobs,
      audit: services.audit,
      memory: watchdogMemory,
      graceMs: settings.agentCrashGraceSeconds * 1000,
      now: appNow(),
      log: (m) => context.log(m),
    });
  },
});

// The operation bursts of every scenario in its operations window (triggers/burst-driver.ts); it ticks with the watchdog.
// Its "now" is the tick's time on the clock the orchestrations placed the bursts on (triggers/timer-tick.ts). Ticks
// never overlap (two would both find a burst due and start it twice): the host runs a timer function one invocation at
// a time, in Azure and in the embedded host (embedded-host/triggers/timer-trigger.ts and its test).
app.timer('haymakerBurstDriver', {
  schedule: agentTickSchedule,
  extraInputs: [df.input.durableClient()],
  handler: async (timer: Timer, context: InvocationContext) => {
    const services = await appServices();
    await onBurstDriver({
      client: fromDurableClient(df.getClient(context)),
      startAgentJob: services.activities.startAgentJob,
      stopAgentJob: services.activities.stopAgentJob,
      now: tickTime(timer, appNow()),
      log: (m) => context.log(m),
    });
  },
});

app.serviceBusQueue('haymakerAgentEvents', {
  queueName: process.env.SERVICE_BUS_QUEUE || defaultValueOf('SERVICE_BUS_QUEUE')!,
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const services = await appServices();
    await onAgentEvent(message, {
      client: fromDurableClient(df.getClient(context)),
      sink: auditStoreSink(services.audit),
      log: (m) => context.log(m),
    });
  },
});

// HTTP API (/api/v1/...), registered by triggers/http.
registerHttpApi(app, {
  settings: appSettings,
  services: appServices,
  now: appNow,
  auth: () => apiAuthSettings(process.env),
});
