// The audit trail (every agent and orchestrator event of a run) and the resource ledger (what each scenario
// created and what was deleted), in Azure Storage tables (Azurite locally). Both are written by at-least-once
// consumers, so every write is idempotent: events by eventId, ledger flags only ever turn true.
import { TableClient, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { AdapterError, errorFacts } from './errors';
import { withRetry, type RetryOptions } from './retry';

export interface AuditEventRecord {
  eventId: string;
  runId: string;
  scenarioId?: string;
  type: string;
  source: 'agent' | 'orchestrator';
  phase?: string;
  burst?: number;
  timestamp: string;
  data: Record<string, unknown>;
}

export type LedgerMark = 'created' | 'deleted' | 'deletionFailed' | 'forceDeleted';

export interface LedgerUpdate {
  runId: string;
  scenarioId: string;
  resourceId: string;
  resourceType?: string;
  name?: string;
  mark: LedgerMark;
  at: string;
  reason?: string;
}

export interface LedgerEntry {
  runId: string;
  scenarioId: string;
  resourceId: string;
  resourceType?: string;
  name?: string;
  created: boolean;
  deleted: boolean;
  forceDeleted: boolean;
  deletionFailed: boolean;
  lastReason?: string;
  updatedAt: string;
}

export interface AuditStore {
  /** 'duplicate' when an event with the same eventId is already stored (nothing changes). */
  recordEvent(event: AuditEventRecord): Promise<'recorded' | 'duplicate'>;
  listEvents(runId: string): Promise<AuditEventRecord[]>;
  recordResource(update: LedgerUpdate): Promise<void>;
  listLedger(runId: string, scenarioId?: string): Promise<LedgerEntry[]>;
}

export type TableConnection =
  | { connectionString: string; allowInsecureConnection?: boolean }
  | { tableUrl: string; credential: TokenCredential };

const AUDIT_TABLE = 'HayMakerAudit';
const LEDGER_TABLE = 'HayMakerLedger';

/** RowKeys may not hold / \ # ? or control characters; resource ids hold slashes. */
function ledgerRowKey(resourceId: string): string {
  return encodeURIComponent(resourceId.toLowerCase()).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const eventRowKey = (eventId: string): string => encodeURIComponent(eventId);
const partitionFilter = (runId: string): string => `PartitionKey eq '${runId.replace(/'/g, "''")}'`;

function tableClient(connection: TableConnection, table: string): TableClient {
  if ('connectionString' in connection) {
    return TableClient.fromConnectionString(connection.connectionString, table, {
      allowInsecureConnection:
        connection.allowInsecureConnection ?? connection.connectionString.includes('http://'),
      retryOptions: { maxRetries: 0 },
    });
  }
  return new TableClient(connection.tableUrl, table, connection.credential, {
    retryOptions: { maxRetries: 0 },
  });
}

export function createTableAuditStore(
  connection: TableConnection,
  options: { retry?: RetryOptions } = {},
): AuditStore {
  const audit = tableClient(connection, AUDIT_TABLE);
  const ledger = tableClient(connection, LEDGER_TABLE);
  const ready = new Map<TableClient, Promise<void>>();
  const hint =
    "grant 'Storage Table Data Contributor' to the orchestrator identity, or check STORAGE_CONNECTION_STRING";

  const ensureTable = (client: TableClient): Promise<void> => {
    let p = ready.get(client);
    if (!p) {
      p = withRetry(() => client.createTable(), options.retry);
      p.catch(() => ready.delete(client));
      ready.set(client, p);
    }
    return p;
  };

  const listPartition = async <T extends Record<string, unknown>>(
    client: TableClient,
    runId: string,
  ): Promise<TableEntityResult<T>[]> => {
    await ensureTable(client);
    return withRetry(async () => {
      const rows: TableEntityResult<T>[] = [];
      for await (const row of client.listEntities<T>({ queryOptions: { filter: partitionFilter(runId) } }))
        rows.push(row);
      return rows;
    }, options.retry);
  };

  return {
    async recordEvent(event) {
      try {
        await ensureTable(audit);
        await withRetry(
          () =>
            audit.createEntity({
              partitionKey: event.runId,
              rowKey: eventRowKey(event.eventId),
              eventId: event.eventId,
              scenarioId: event.scenarioId ?? '',
              type: event.type,
              source: event.source,
              phase: event.phase ?? '',
              burst: event.burst ?? -1,
              timestamp: event.timestamp,
              data: JSON.stringify(event.data ?? {}),
            }),
          options.retry,
        );
        return 'recorded';
      } catch (error) {
        if (errorFacts(error).status === 409) return 'duplicate';
        throw new AdapterError(`storing audit event ${event.eventId} of run ${event.runId}`, error, hint);
      }
    },

    async listEvents(runId) {
      try {
        const rows = await listPartition<Record<string, unknown>>(audit, runId);
        return rows
          .map((r): AuditEventRecord => ({
            eventId: String(r.eventId),
            runId,
            scenarioId: r.scenarioId ? String(r.scenarioId) : undefined,
            type: String(r.type),
            source: r.source === 'agent' ? 'agent' : 'orchestrator',
            phase: r.phase ? String(r.phase) : undefined,
            burst: typeof r.burst === 'number' && r.burst >= 0 ? r.burst : undefined,
            timestamp: String(r.timestamp),
            data: JSON.parse(String(r.data ?? '{}')) as Record<string, unknown>,
          }))
          .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.eventId.localeCompare(b.eventId));
      } catch (error) {
        throw new AdapterError(`reading the audit trail of run ${runId}`, error, hint);
      }
    },

    async recordResource(update) {
      // Merge sets only the flag this update turns on, so a late or duplicated "created" never undoes a "deleted".
      const entity: TableEntity<Record<string, unknown>> = {
        partitionKey: update.runId,
        rowKey: ledgerRowKey(update.resourceId),
        scenarioId: update.scenarioId,
        resourceId: update.resourceId,
        updatedAt: update.at,
        [update.mark]: true,
        ...(update.resourceType ? { resourceType: update.resourceType } : {}),
        ...(update.name ? { name: update.name } : {}),
        ...(update.reason ? { lastReason: update.reason } : {}),
      };
      try {
        await ensureTable(ledger);
        await withRetry(() => ledger.upsertEntity(entity, 'Merge'), options.retry);
      } catch (error) {
        throw new AdapterError(
          `recording ${update.mark} of ${update.resourceId} for run ${update.runId}`,
          error,
          hint,
        );
      }
    },

    async listLedger(runId, scenarioId) {
      try {
        const rows = await listPartition<Record<string, unknown>>(ledger, runId);
        return rows
          .map((r): LedgerEntry => ({
            runId,
            scenarioId: String(r.scenarioId ?? ''),
            resourceId: String(r.resourceId),
            resourceType: r.resourceType ? String(r.resourceType) : undefined,
            name: r.name ? String(r.name) : undefined,
            created: r.created === true,
            deleted: r.deleted === true,
            forceDeleted: r.forceDeleted === true,
            deletionFailed: r.deletionFailed === true,
            lastReason: r.lastReason ? String(r.lastReason) : undefined,
            updatedAt: String(r.updatedAt ?? ''),
          }))
          .filter((e) => scenarioId === undefined || e.scenarioId === scenarioId)
          .sort((a, b) => a.resourceId.localeCompare(b.resourceId));
      } catch (error) {
        throw new AdapterError(`reading the resource ledger of run ${runId}`, error, hint);
      }
    },
  };
}
