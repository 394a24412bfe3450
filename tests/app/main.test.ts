// The production entry, loaded the way the Functions worker loads it: every function registered by name, and no
// configuration read at load (a missing setting only surfaces on the first invocation that needs it).
import path from 'node:path';
import { loadApp } from '../../embedded-host/load-app';
import { realModule } from '../../embedded-host/real-module';
import { ACTIVITY_NAMES } from '../../contract/activities';

const entry = path.resolve(__dirname, '..', '..', 'dist', 'app', 'main.js');
// The app runs in Node's own context (loadApp), whose process.env is not jest's sandbox copy.
const realEnv = (realModule().createRequire(entry)('process') as NodeJS.Process).env;

describe('app/main.ts', () => {
  const keys = ['AZURE_TENANT_ID', 'KEY_VAULT_URL', 'SCHEDULE_CRON', 'JANITOR_CRON', 'SERVICE_BUS_QUEUE'];
  const saved = Object.fromEntries(keys.map((k) => [k, realEnv[k]]));
  afterEach(() => {
    for (const k of keys) {
      if (saved[k] === undefined) delete realEnv[k];
      else realEnv[k] = saved[k];
    }
  });

  it('registers every orchestration, entity, activity and trigger without reading configuration', () => {
    for (const key of keys) delete realEnv[key];
    const { registrations } = loadApp(entry);
    const byType = (type: string) =>
      registrations
        .filter((r) => r.trigger.type === type)
        .map((r) => r.name)
        .sort();
    expect(byType('orchestrationTrigger')).toEqual([
      'haymakerRunOrchestration',
      'haymakerScenarioOrchestration',
    ]);
    expect(byType('entityTrigger')).toEqual([
      'haymakerBursts',
      'haymakerRun',
      'haymakerRunRoster',
      'haymakerRunScenario',
      'haymakerStatus',
    ]);
    expect(byType('activityTrigger')).toEqual([...ACTIVITY_NAMES].sort());
    const timers = Object.fromEntries(
      registrations.filter((r) => r.trigger.type === 'timerTrigger').map((r) => [r.name, r.trigger.schedule]),
    );
    expect(timers).toEqual({
      haymakerRunTimer: '0 0 0,6,12,18 * * *',
      haymakerJanitorTimer: '0 30 * * * *',
      haymakerAgentWatchdog: '0 * * * * *',
      // The burst driver ticks with the watchdog (triggers/burst-driver.ts).
      haymakerBurstDriver: '0 * * * * *',
    });
    const queue = registrations.find((r) => r.trigger.type === 'serviceBusTrigger')!;
    expect(queue.trigger).toMatchObject({ queueName: 'agent-events', connection: 'ServiceBusConnection' });
  });

  it('binds the schedules to the app settings when they are set', () => {
    realEnv.SCHEDULE_CRON = '0 0 */2 * * *';
    realEnv.JANITOR_CRON = '0 0 * * * *';
    realEnv.SERVICE_BUS_QUEUE = 'events-b';
    const { registrations } = loadApp(entry);
    const trigger = (name: string) => registrations.find((r) => r.name === name)!.trigger;
    expect(trigger('haymakerRunTimer').schedule).toBe('%SCHEDULE_CRON%');
    expect(trigger('haymakerJanitorTimer').schedule).toBe('%JANITOR_CRON%');
    expect(trigger('haymakerAgentEvents').queueName).toBe('events-b');
  });
});
