// An in-process audit store with the table store's semantics (idempotent events, monotonic ledger flags), for
// local runs without Azurite and for tests of code above the adapters.
import type { AuditEventRecord, AuditStore, LedgerEntry } from './audit-store';

export function createMemoryAuditStore(): AuditStore {
  const events = new Map<string, AuditEventRecord>();
  const ledger = new Map<string, LedgerEntry>();
  return {
    async recordEvent(event) {
      const key = `${event.runId}|${event.eventId}`;
      if (events.has(key)) return 'duplicate';
      events.set(key, structuredClone(event));
      return 'recorded';
    },
    async listEvents(runId) {
      return [...events.values()]
        .filter((e) => e.runId === runId)
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.eventId.localeCompare(b.eventId))
        .map((e) => structuredClone(e));
    },
    async recordResource(u) {
      const key = `${u.runId}|${u.resourceId.toLowerCase()}`;
      const entry: LedgerEntry = ledger.get(key) ?? {
        runId: u.runId,
        scenarioId: u.scenarioId,
        resourceId: u.resourceId,
        created: false,
        deleted: false,
        forceDeleted: false,
        deletionFailed: false,
        updatedAt: u.at,
      };
      entry[u.mark] = true;
      entry.updatedAt = u.at;
      if (u.resourceType) entry.resourceType = u.resourceType;
      if (u.name) entry.name = u.name;
      if (u.reason) entry.lastReason = u.reason;
      ledger.set(key, entry);
    },
    async listLedger(runId, scenarioId) {
      return [...ledger.values()]
        .filter((e) => e.runId === runId && (scenarioId === undefined || e.scenarioId === scenarioId))
        .sort((a, b) => a.resourceId.localeCompare(b.resourceId))
        .map((e) => ({ ...e }));
    },
  };
}
