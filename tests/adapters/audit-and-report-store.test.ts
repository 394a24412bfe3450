import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTableAuditStore, type AuditStore } from '../../adapters/audit-store';
import { createBlobReportStore, createFileReportStore } from '../../adapters/report-store';
import { AZURITE_SETUP_HOOK_TIMEOUT_MS, startAzurite, type Azurite } from './helpers/azurite';

let azurite: Azurite;
let store: AuditStore;

const event = (eventId: string, type: string, timestamp: string) => ({
  eventId,
  runId: 'run-audit-1',
  scenarioId: 'compute-01-vm',
  type,
  source: 'agent' as const,
  phase: 'deploy',
  timestamp,
  data: { resourceId: '/subscriptions/s/resourceGroups/rg' },
});

describe('stores backed by Azurite', () => {
  beforeAll(async () => {
    azurite = await startAzurite();
    store = createTableAuditStore(
      { connectionString: azurite.connectionString },
      { retry: { sleep: async () => {} } },
    );
  }, AZURITE_SETUP_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await azurite?.stop();
  });

  describe('audit trail in Azure tables (Azurite)', () => {
    it('stores an event once however often it is delivered', async () => {
      expect(await store.recordEvent(event('e-1', 'phase_started', '2026-01-01T00:00:00.000Z'))).toBe(
        'recorded',
      );
      expect(await store.recordEvent(event('e-1', 'phase_started', '2026-01-01T00:00:00.000Z'))).toBe(
        'duplicate',
      );
      expect(await store.recordEvent(event('e-2', 'phase_completed', '2026-01-01T00:01:00.000Z'))).toBe(
        'recorded',
      );
      const events = await store.listEvents('run-audit-1');
      expect(events.map((e) => e.eventId)).toEqual(['e-1', 'e-2']);
      expect(events[0].data).toEqual({ resourceId: '/subscriptions/s/resourceGroups/rg' });
      expect(await store.listEvents('another-run')).toEqual([]);
    });

    it('keeps a deleted resource deleted when a late "created" arrives', async () => {
      const id = '/subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/st1';
      const base = {
        runId: 'run-ledger-1',
        scenarioId: 'storage-01-blob',
        resourceId: id,
        resourceType: 'Microsoft.Storage/storageAccounts',
      };
      await store.recordResource({ ...base, mark: 'created', at: '2026-01-01T00:00:00Z' });
      await store.recordResource({ ...base, mark: 'deleted', at: '2026-01-01T01:00:00Z' });
      await store.recordResource({ ...base, mark: 'created', at: '2026-01-01T00:00:00Z' });
      const [entry] = await store.listLedger('run-ledger-1');
      expect(entry).toMatchObject({
        resourceId: id,
        created: true,
        deleted: true,
        forceDeleted: false,
        scenarioId: 'storage-01-blob',
      });
      expect(await store.listLedger('run-ledger-1', 'other-scenario')).toEqual([]);
    });
  });

  describe('report blobs in Azure storage (Azurite)', () => {
    it('writes and reads report blobs', async () => {
      const reports = createBlobReportStore({ connectionString: azurite.connectionString });
      const url = await reports.write('run-r1', 'report.json', '{"ok":true}', 'application/json');
      expect(url).toContain('/haymaker-reports/run-r1/report.json');
      expect(await reports.read('run-r1', 'report.json')).toBe('{"ok":true}');
      expect(await reports.read('run-r1', 'missing.json')).toBeUndefined();
    });
  });
});

describe('file report store', () => {
  it('writes files under <base>/<runId>/ and refuses path escapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-reports-'));
    try {
      const reports = createFileReportStore(dir);
      expect(await reports.write('run-r2', 'report.json', '{}', 'application/json')).toBe(
        join(dir, 'run-r2', 'report.json'),
      );
      expect(await reports.read('run-r2', 'report.json')).toBe('{}');
      await expect(reports.write('..', 'x.json', '{}', 'application/json')).rejects.toThrow(
        /not a safe report path/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
