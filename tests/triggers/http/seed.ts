// A finished run seeded into the API's stores the way a real run leaves it: run entity operations, the audit trail
// and ledger in Azurite, and report.json (the report of a real `haymaker start` run) in the reports folder.
import { hayFileName, type HayEvent, type HayRecord } from '../../../contract/hay';
import fs from 'node:fs';
import path from 'node:path';
import { createTableAuditStore } from '../../../adapters/audit-store';
import { SEEDED_RUN_TIMEOUT_MS, until, type ApiHarness } from './api-harness';

/** A token-shaped value stored in an event, which the events API must never return. */
export const LEAKED_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoYXkifQ.c2lnbmF0dXJlLXZhbHVl';

export const FINISHED_RUN = 'f1a2b3c4-api-finished-run';
export const SCENARIO = 'ai-ml-01-language-ticket-triage';
export const OTHER_SCENARIO = 'compute-01-linux-vm-patch-check';
const SUB = '/subscriptions/66666666-7777-8888-9999-000000000000';
export const RESOURCES = {
  group: `${SUB}/resourceGroups/rg-hm-f1a2b3c4`,
  account: `${SUB}/resourceGroups/rg-hm-f1a2b3c4/providers/Microsoft.CognitiveServices/accounts/lang-f1a2b3c4`,
  storage: `${SUB}/resourceGroups/rg-hm-f1a2b3c4/providers/Microsoft.Storage/storageAccounts/stf1a2b3c4`,
};

/** Waits until the host has applied the seeded run's entity operations (its phase reads completed). */
export async function seededRunCompleted(h: ApiHarness): Promise<void> {
  await until(
    async () => {
      const state = await h.host.client.readEntityState<{ phase: string }>({
        name: 'haymakerRun',
        key: FINISHED_RUN,
      });
      return state.entityState?.phase === 'completed' ? true : undefined;
    },
    'the seeded run entity',
    SEEDED_RUN_TIMEOUT_MS,
  );
}

export async function seedFinishedRun(h: ApiHarness): Promise<void> {
  const run = { name: 'haymakerRun', key: FINISHED_RUN };
  const c = h.host.client;
  await c.signalEntity(run, 'started', {
    runId: FINISHED_RUN,
    startedAt: '2026-11-23T16:31:14.991Z',
    trigger: 'api',
    seed: 'seed-1',
  });
  await c.signalEntity(run, 'scenariosSelected', {
    scenarioIds: [SCENARIO, OTHER_SCENARIO],
    expiresAt: '2026-11-24T04:31:14.991Z',
  });
  await c.signalEntity(run, 'resourceEvent', {
    scenarioId: SCENARIO,
    resourceId: RESOURCES.group,
    kind: 'created',
  });
  await c.signalEntity(run, 'resourceEvent', {
    scenarioId: SCENARIO,
    resourceId: RESOURCES.account,
    kind: 'created',
  });
  await c.signalEntity(run, 'resourceEvent', {
    scenarioId: SCENARIO,
    resourceId: RESOURCES.group,
    kind: 'deleted',
  });
  await c.signalEntity(run, 'resourceEvent', {
    scenarioId: OTHER_SCENARIO,
    resourceId: RESOURCES.storage,
    kind: 'created',
  });
  await c.signalEntity(run, 'resourceEvent', {
    scenarioId: OTHER_SCENARIO,
    resourceId: RESOURCES.storage,
    kind: 'deletionFailed',
  });
  await c.signalEntity(run, 'scenarioFinished', {
    scenarioId: SCENARIO,
    status: 'succeeded',
    forceDeleted: 0,
    errors: [],
  });
  await c.signalEntity(run, 'scenarioFinished', {
    scenarioId: OTHER_SCENARIO,
    status: 'failed',
    forceDeleted: 0,
    errors: ['cleanup step "delete storage" failed (exit 1)'],
  });
  const reportDir = path.join(h.reportsDir, FINISHED_RUN);
  await c.signalEntity(run, 'finished', {
    status: 'completed',
    endedAt: '2026-11-24T04:11:26.991Z',
    cleanupVerified: true,
    report: { jsonPath: path.join(reportDir, 'report.json'), htmlPath: path.join(reportDir, 'report.html') },
  });

  const audit = createTableAuditStore({ connectionString: h.azurite.connectionString });
  const event = (n: number, type: string, extra: Record<string, unknown> = {}) =>
    audit.recordEvent({
      eventId: `evt-${n}`,
      runId: FINISHED_RUN,
      scenarioId: SCENARIO,
      type,
      source: 'agent',
      phase: 'deploy',
      timestamp: new Date(Date.parse('2026-11-23T17:00:00Z') + n * 60_000).toISOString(),
      data: {},
      ...extra,
    });
  await event(1, 'phase_started');
  await event(2, 'resource_created', {
    data: {
      resourceId: RESOURCES.account,
      resourceType: 'Microsoft.CognitiveServices/accounts',
      name: 'lang-f1a2b3c4',
    },
  });
  // Output that slipped past the agent's scrubber (an older image, a missed shape): the API scrubs it again.
  await event(3, 'error_encountered', {
    data: { step: 'Create the language account', exitCode: 1, output: `auth: Bearer ${LEAKED_TOKEN}` },
  });
  await event(4, 'error_resolved', {
    data: { step: 'Create the language account', attempts: 2, summary: 'retried with a supported SKU' },
  });
  await event(5, 'phase_completed', {
    data: { tokens: { input: 1200, output: 300, cacheRead: 0, cacheCreation: 0 } },
  });
  await event(6, 'phase_started', { scenarioId: OTHER_SCENARIO, phase: 'cleanup' });
  await audit.recordResource({
    runId: FINISHED_RUN,
    scenarioId: SCENARIO,
    resourceId: RESOURCES.account,
    resourceType: 'Microsoft.CognitiveServices/accounts',
    name: 'lang-f1a2b3c4',
    mark: 'created',
    at: '2026-11-23T17:02:00Z',
  });
  await audit.recordResource({
    runId: FINISHED_RUN,
    scenarioId: SCENARIO,
    resourceId: RESOURCES.account,
    mark: 'forceDeleted',
    at: '2026-11-24T03:00:00Z',
  });

  const report = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'reports', 'fixtures', 'real-run-report.json'), 'utf8'),
  ) as Record<string, unknown>;
  fs.mkdirSync(reportDir, { recursive: true });
  fs.writeFileSync(path.join(reportDir, 'report.json'), JSON.stringify({ ...report, runId: FINISHED_RUN }));
  fs.writeFileSync(path.join(reportDir, hayFileName(SCENARIO)), JSON.stringify(HAY));
}

/** The finished run's ground truth: one scenario's labelled Activity Log events (a write and a burst action). */
export const HAY: HayRecord = (() => {
  const event = (
    n: number,
    operationName: string,
    status: string,
    phase: HayEvent['phase'],
    burst?: number,
  ) => ({
    eventTimestamp: new Date(Date.parse('2026-11-23T17:00:30Z') + n * 60_000).toISOString(),
    operationName,
    status,
    resourceId: RESOURCES.account,
    resourceGroupName: 'haymaker-aiml01-f1a2b3c4',
    callerAppId: '0b6f3c1e-7a5d-4c1b-9f0e-2d7c1a9b8e01',
    callerObjectId: '5c2d9e7a-1b3f-4a6c-8d0e-9f1a2b3c4d5e',
    correlationId: `c0ffee00-0000-4000-8000-00000000000${n}`,
    eventDataId: `e0000000-0000-4000-8000-00000000000${n}`,
    runId: FINISHED_RUN,
    scenarioId: SCENARIO,
    phase,
    ...(burst !== undefined ? { burst } : {}),
    source: 'activityLog' as const,
  });
  const events = [
    event(1, 'Microsoft.CognitiveServices/accounts/write', 'Started', 'deploy'),
    event(2, 'Microsoft.CognitiveServices/accounts/write', 'Succeeded', 'deploy'),
    event(3, 'Microsoft.CognitiveServices/accounts/listKeys/action', 'Succeeded', 'operate', 0),
  ];
  return {
    runId: FINISHED_RUN,
    scenarioId: SCENARIO,
    principal: { appId: events[0]!.callerAppId, objectId: events[0]!.callerObjectId },
    window: { from: '2026-11-23T16:31:14.991Z', to: '2026-11-24T04:11:26.991Z' },
    collectedAt: '2026-11-24T04:11:26.991Z',
    entraAudit: { collected: false, reason: 'no AuditLog.Read.All' },
    coverage: { expected: [], observed: [], missing: [], unexpected: [] },
    events,
  };
})();
