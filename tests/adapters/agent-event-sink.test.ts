import { createAuditAgentEventSink } from '../../adapters/agent-event-sink';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { agentEventSchema } from '../../core/events';

const event = (eventId: string, type: string, data: Record<string, unknown> = {}) =>
  agentEventSchema.parse({
    eventId,
    type,
    runId: 'run-sink-1',
    scenarioId: 'web-01-app',
    phase: 'deploy',
    timestamp: `2026-01-01T00:0${eventId.length % 10}:00.000Z`,
    data,
  });

describe('agent event sink over the audit store', () => {
  it('stores each event once and keeps the ledger monotonic under redelivery and reordering', async () => {
    const audit = createMemoryAuditStore();
    const sink = createAuditAgentEventSink(audit);
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app1';
    await sink.recordAgentEvent(
      event('e1', 'resource_created', { resourceId: id, resourceType: 'Microsoft.Web/sites' }),
    );
    await sink.recordAgentEvent(event('e22', 'resource_deleted', { resourceId: id }));
    await sink.recordAgentEvent(
      event('e1', 'resource_created', { resourceId: id, resourceType: 'Microsoft.Web/sites' }),
    );
    await sink.recordAgentEvent(event('e333', 'phase_completed'));
    expect((await audit.listEvents('run-sink-1')).map((e) => e.eventId)).toEqual(['e1', 'e22', 'e333']);
    expect(await audit.listLedger('run-sink-1')).toEqual([
      expect.objectContaining({
        resourceId: id,
        resourceType: 'Microsoft.Web/sites',
        created: true,
        deleted: true,
        scenarioId: 'web-01-app',
      }),
    ]);
  });
});
