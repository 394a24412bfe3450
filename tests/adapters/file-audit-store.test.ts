import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_JOURNAL_FILE, createFileAuditStore } from '../../adapters/file-audit-store';
import type { AuditEventRecord } from '../../adapters/audit-store';

const event = (eventId: string, timestamp: string): AuditEventRecord => ({
  runId: 'run-1',
  eventId,
  type: 'phase_started',
  source: 'agent',
  scenarioId: 's-01-x',
  phase: 'deploy',
  timestamp,
  data: {},
});

describe('file audit store (local runs without storage)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hm-audit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events and ledger entries across a restart', async () => {
    const first = await createFileAuditStore(dir);
    expect(await first.recordEvent(event('e1', '2026-11-23T06:00:00Z'))).toBe('recorded');
    await first.recordResource({
      runId: 'run-1',
      scenarioId: 's-01-x',
      resourceId: '/subscriptions/s/resourceGroups/rg',
      mark: 'created',
      at: '2026-11-23T06:00:01Z',
    });

    const second = await createFileAuditStore(dir);
    expect((await second.listEvents('run-1')).map((e) => e.eventId)).toEqual(['e1']);
    const ledger = await second.listLedger('run-1');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      resourceId: '/subscriptions/s/resourceGroups/rg',
      created: true,
      deleted: false,
    });
  });

  it('treats a redelivered event as a duplicate and journals it once', async () => {
    const store = await createFileAuditStore(dir);
    await store.recordEvent(event('e1', '2026-11-23T06:00:00Z'));
    expect(await store.recordEvent(event('e1', '2026-11-23T06:00:00Z'))).toBe('duplicate');
    const lines = readFileSync(join(dir, AUDIT_JOURNAL_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
  });

  it('skips a line torn by a crash and keeps everything before it', async () => {
    const store = await createFileAuditStore(dir);
    await store.recordEvent(event('e1', '2026-11-23T06:00:00Z'));
    appendFileSync(join(dir, AUDIT_JOURNAL_FILE), '{"kind":"event","event":{"runId":"run-1","eventId":"e2"');
    const reopened = await createFileAuditStore(dir);
    expect((await reopened.listEvents('run-1')).map((e) => e.eventId)).toEqual(['e1']);
    await reopened.recordEvent(event('e3', '2026-11-23T06:00:02Z'));
    const again = await createFileAuditStore(dir);
    expect((await again.listEvents('run-1')).map((e) => e.eventId)).toEqual(['e1', 'e3']);
  });
});
