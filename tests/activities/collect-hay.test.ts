// collectHay against the sandbox with the real Activity Log client: exactly the scenario principal's events, each
// labelled with the phase and burst whose window holds it, coverage against the declared operations, stored with
// the report (scrubbed), and only a summary returned into history.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityLog } from '../../adapters/activity-log';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { createFileReportStore } from '../../adapters/report-store';
import { createCollectHay } from '../../activities/collect-hay';
import { hayCoverage } from '../../contract/hay-coverage';
import type { HayRecord } from '../../contract/hay';
import { armContext } from '../adapters/helpers/sandbox-context';
import { httpsRequest } from '../sandbox/helpers/https-request';
import { appIdOf, callerHeaders, manualClock, objectIdOf } from '../sandbox/helpers/activity-log-callers';

describe('hay coverage', () => {
  it('flags expected operations never seen and seen operations not expected, ignoring case', () => {
    expect(
      hayCoverage(
        ['Microsoft.Storage/storageAccounts/write', 'Microsoft.Storage/storageAccounts/delete'],
        ['microsoft.storage/storageaccounts/write', 'Microsoft.Web/sites/write', 'Microsoft.Web/sites/write'],
      ),
    ).toEqual({
      expected: ['Microsoft.Storage/storageAccounts/delete', 'Microsoft.Storage/storageAccounts/write'],
      observed: ['Microsoft.Web/sites/write', 'microsoft.storage/storageaccounts/write'],
      missing: ['Microsoft.Storage/storageAccounts/delete'],
      unexpected: ['Microsoft.Web/sites/write'],
    });
  });
});

describe('collectHay against the sandbox', () => {
  const start = Date.parse('2026-04-01T08:00:00Z');
  const clock = manualClock(start);
  let sandbox: Sandbox;
  let reportsDir: string;
  const runId = 'run00042-hay';
  const scenarioId = 'storage-01-hay';

  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
    reportsDir = mkdtempSync(join(tmpdir(), 'hay-'));
  });
  afterAll(async () => {
    await sandbox.stop();
    rmSync(reportsDir, { recursive: true, force: true });
  });

  // The tenant admin plays the scenario principal; the orchestrator is another caller whose writes are not hay.
  const write = async (who: 'scenario' | 'someone-else', method: string, path: string, body?: unknown) =>
    httpsRequest(`${sandbox.endpoints.arm}/subscriptions/${sandbox.subscriptionId}${path}`, sandbox.caCert, {
      method,
      headers: await callerHeaders(sandbox, who === 'scenario' ? 'admin' : 'orchestrator'),
      body,
    });

  it('collects only its principal, labels phase and burst, and stores the record with the report', async () => {
    const audit = createMemoryAuditStore();
    const phase = async (p: 'deploy' | 'operate' | 'cleanup', burst?: number) => {
      await audit.recordEvent({
        eventId: `${runId}:${scenarioId}:${p}:${burst ?? ''}:0`,
        runId,
        scenarioId,
        type: 'phase_started',
        source: 'agent',
        phase: p,
        ...(burst !== undefined ? { burst } : {}),
        timestamp: new Date(clock.now()).toISOString(),
        data: {},
      });
      clock.advance(1_000);
    };
    const group = '/resourcegroups/haymaker-hay01?api-version=2025-04-01';
    const account =
      '/resourceGroups/haymaker-hay01/providers/Microsoft.Storage/storageAccounts/hmhay01?api-version=2023-05-01';

    await phase('deploy');
    await write('scenario', 'PUT', group, { location: 'eastus' });
    await write('scenario', 'PUT', account, {
      location: 'eastus',
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS' },
    });
    await write('someone-else', 'PUT', '/resourcegroups/not-hay?api-version=2025-04-01', {
      location: 'eastus',
    });
    clock.advance(60_000);
    await phase('operate', 0);
    await write('scenario', 'PATCH', group, { tags: { touched: '1' } });
    clock.advance(60_000);
    await phase('operate', 1);
    await write('scenario', 'PATCH', group, { tags: { touched: '2' } });
    clock.advance(60_000);
    await phase('cleanup');
    await write('scenario', 'DELETE', group);
    clock.advance(10 * 60_000);

    const reports = createFileReportStore(reportsDir);
    const collect = createCollectHay({
      activityLog: createActivityLog(armContext(sandbox)),
      audit,
      reports,
      scenarios: {
        list: async () => [
          {
            id: scenarioId,
            area: 'analytics',
            title: 't',
            enabled: true,
            grants: { resourceGroupTemplates: [], roles: ['Contributor'], graphPermissions: [] },
            operations: [
              'Microsoft.Resources/subscriptions/resourceGroups/write',
              'Microsoft.Storage/storageAccounts/write',
              'Microsoft.Storage/storageAccounts/listKeys/action',
            ],
          },
        ],
      },
      now: () => new Date(clock.now()),
    });
    const summary = await collect({
      runId,
      scenarioId,
      createdAt: new Date(start).toISOString(),
      expiresAt: new Date(start + 12 * 3_600_000).toISOString(),
      principal: {
        appId: appIdOf(sandbox, 'admin'),
        servicePrincipalId: objectIdOf(sandbox, 'admin'),
      },
    });

    expect(summary).toEqual({
      file: `hay-${scenarioId}.json`,
      events: 10,
      coverage: {
        expected: [
          'Microsoft.Resources/subscriptions/resourceGroups/write',
          'Microsoft.Storage/storageAccounts/listKeys/action',
          'Microsoft.Storage/storageAccounts/write',
        ],
        observed: [
          'Microsoft.Resources/subscriptions/resourceGroups/delete',
          'Microsoft.Resources/subscriptions/resourceGroups/write',
          'Microsoft.Storage/storageAccounts/write',
        ],
        missing: ['Microsoft.Storage/storageAccounts/listKeys/action'],
        unexpected: ['Microsoft.Resources/subscriptions/resourceGroups/delete'],
      },
      entraAudit: { collected: false, reason: expect.stringMatching(/AuditLog\.Read\.All/) },
    });
    const record = JSON.parse(readFileSync(join(reportsDir, runId, summary.file), 'utf8')) as HayRecord;
    expect(record.events.every((e) => e.callerObjectId === objectIdOf(sandbox, 'admin'))).toBe(true);
    expect(record.events.some((e) => e.resourceId.endsWith('/not-hay'))).toBe(false);
    const labels = record.events
      .filter((e) => e.status !== 'Started')
      .map((e) => [e.operationName.split('/').at(-1), e.phase, e.burst ?? null]);
    expect(labels).toEqual([
      ['write', 'deploy', null],
      ['write', 'deploy', null],
      ['write', 'operate', 0],
      ['write', 'operate', 1],
      ['delete', 'cleanup', null],
    ]);
    expect(record.events.every((e) => e.runId === runId && e.scenarioId === scenarioId)).toBe(true);
  });
});
