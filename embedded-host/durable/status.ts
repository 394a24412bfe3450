import { eventTypeName } from './history';
import { OrchestrationRecord } from './records';

/** The instance status as the Durable HTTP API returns it (what DurableOrchestrationStatus reads). */
export interface OrchestrationStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: Record<string, unknown>[];
  history?: Record<string, unknown>[];
}

export function toStatus(
  record: OrchestrationRecord,
  options: { showHistory?: boolean; showInput?: boolean } = {},
): OrchestrationStatus {
  const status: OrchestrationStatus = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.status,
    input: options.showInput === false ? null : (record.input ?? null),
    output: record.output ?? null,
    customStatus: record.customStatus ?? null,
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
  };
  if (options.showHistory) {
    const events = record.history.map((e) => ({ ...e, EventType: eventTypeName(e.EventType) }));
    status.historyEvents = events;
    status.history = events;
  }
  return status;
}
