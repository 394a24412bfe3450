// One administrative Activity Log event in ARM's EventData shape (ActivityLogs_List, api-version 2015-04-01; the
// official example GetActivityLogsFiltered.json): a write, delete or action gets a BeginRequest event with status
// Started when it arrives and an EndRequest event with its outcome when ARM answers.
import type { RequestLogEntry } from '../core/request-log';
import { armOperationName, operationResourceId } from './operation-name';

/** What the sandbox keeps of an event (plain data: it lives in the state store). */
export interface ActivityLogRecord {
  eventDataId: string;
  correlationId: string;
  operationName: string;
  status: 'Started' | 'Succeeded' | 'Failed' | 'Accepted';
  httpStatus?: number;
  method: string;
  resourceId: string;
  subscriptionId: string;
  resourceGroupName?: string;
  resourceProvider: string;
  callerObjectId?: string;
  callerAppId?: string;
  tenantId: string;
  eventTimestamp: number;
  /** When the event can be read: eventTimestamp plus the ingestion delay. */
  submissionTimestamp: number;
}

/** The services whose requests are ARM control-plane operations (Resource Graph queries are reads). */
const controlPlaneServices = new Set(['arm', 'container-apps']);

export function recordsForRequest(
  entry: RequestLogEntry,
  context: { now: number; ingestionDelayMs: number; tenantId: string; guid(): string },
): ActivityLogRecord[] {
  if (!controlPlaneServices.has(entry.service) || entry.status === 0 || entry.status === 401) return [];
  const operationName = armOperationName(entry.method, entry.path);
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(entry.path)?.[1];
  if (!operationName || !subscriptionId) return [];
  const resourceId = operationResourceId(entry.path, operationName);
  const base = {
    correlationId: entry.correlationId ?? context.guid(),
    operationName,
    method: entry.method,
    resourceId,
    subscriptionId,
    resourceGroupName: /\/resourceGroups\/([^/]+)/i.exec(resourceId)?.[1],
    resourceProvider: operationName.split('/')[0],
    callerObjectId: entry.caller?.objectId,
    callerAppId: entry.caller?.appId,
    tenantId: context.tenantId,
  };
  const ended = context.now;
  const started = Math.min(entry.startedAt ?? ended, ended);
  const outcome: ActivityLogRecord['status'] =
    entry.status === 202 ? 'Accepted' : entry.status < 400 ? 'Succeeded' : 'Failed';
  return [
    {
      ...base,
      eventDataId: context.guid(),
      status: 'Started',
      eventTimestamp: started,
      submissionTimestamp: started + context.ingestionDelayMs,
    },
    {
      ...base,
      eventDataId: context.guid(),
      status: outcome,
      httpStatus: entry.status,
      eventTimestamp: ended,
      submissionTimestamp: ended + context.ingestionDelayMs,
    },
  ];
}

/** .NET ticks (100 ns since 0001-01-01), as ARM writes them in an event's id. */
const dotNetTicks = (ms: number) => (BigInt(ms) * BigInt(10_000) + BigInt('621355968000000000')).toString();

const localized = (value: string) => ({ value, localizedValue: value });

/** The REST shape of a record (EventData). */
export function eventData(record: ActivityLogRecord): Record<string, unknown> {
  const claims: Record<string, string> = {
    aud: 'https://management.core.windows.net/',
    iss: `https://sts.windows.net/${record.tenantId}/`,
    'http://schemas.microsoft.com/identity/claims/tenantid': record.tenantId,
  };
  if (record.callerAppId) claims.appid = record.callerAppId;
  if (record.callerObjectId)
    claims['http://schemas.microsoft.com/identity/claims/objectidentifier'] = record.callerObjectId;
  return {
    authorization: { action: record.operationName, scope: record.resourceId },
    caller: record.callerObjectId ?? record.callerAppId ?? '',
    channels: 'Operation',
    claims,
    correlationId: record.correlationId,
    description: '',
    eventDataId: record.eventDataId,
    eventName: localized(record.status === 'Started' ? 'BeginRequest' : 'EndRequest'),
    category: localized('Administrative'),
    httpRequest: { clientRequestId: record.correlationId, method: record.method },
    id: `${record.resourceId}/events/${record.eventDataId}/ticks/${dotNetTicks(record.eventTimestamp)}`,
    level: record.status === 'Failed' ? 'Error' : 'Informational',
    resourceGroupName: record.resourceGroupName ?? '',
    resourceProviderName: localized(record.resourceProvider),
    resourceId: record.resourceId,
    resourceType: localized(record.operationName.split('/').slice(0, -1).join('/')),
    operationId: record.correlationId,
    operationName: localized(record.operationName),
    properties: record.httpStatus ? { statusCode: String(record.httpStatus) } : {},
    status: localized(record.status),
    subStatus: localized(record.httpStatus ? `HTTP ${record.httpStatus}` : ''),
    eventTimestamp: new Date(record.eventTimestamp).toISOString(),
    submissionTimestamp: new Date(record.submissionTimestamp).toISOString(),
    subscriptionId: record.subscriptionId,
    tenantId: record.tenantId,
  };
}
