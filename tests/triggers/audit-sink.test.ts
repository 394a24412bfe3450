import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { auditStoreSink } from '../../triggers/audit-sink';
import type { AgentEvent } from '../../core/events';

const event = (
  eventId: string,
  type: AgentEvent['type'],
  data: Record<string, unknown> = {},
): AgentEvent => ({
  eventId,
  type,
  runId: 'run-abcdefgh',
  scenarioId: 'compute-01-vm',
  phase: 'deploy',
  timestamp: '2026-11-23T07:00:00.000Z',
  data,
});

describe('audit sink for agent events', () => {
  it('stores each event once and marks created and deleted resources in the ledger', async () => {
    const audit = createMemoryAuditStore();
    const sink = auditStoreSink(audit);
    const created = event('e1', 'resource_created', {
      resourceId: '/subscriptions/s/resourceGroups/rg',
      resourceType: 'Microsoft.Resources/resourceGroups',
    });
    await sink.recordAgentEvent(created);
    await sink.recordAgentEvent(created);
    await sink.recordAgentEvent(
      event('e2', 'resource_deleted', { resourceId: '/subscriptions/s/resourceGroups/rg' }),
    );
    await sink.recordAgentEvent(event('e3', 'phase_completed'));
    const events = await audit.listEvents('run-abcdefgh');
    expect(events.map((e) => [e.eventId, e.source])).toEqual([
      ['e1', 'agent'],
      ['e2', 'agent'],
      ['e3', 'agent'],
    ]);
    const ledger = await audit.listLedger('run-abcdefgh');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      created: true,
      deleted: true,
      resourceType: 'Microsoft.Resources/resourceGroups',
    });
  });
});
