// The Activity Log (Microsoft.Insights ActivityLogs_List, api-version 2015-04-01 through @azure/arm-monitor): the
// control-plane events one caller made in a time range. ARM's filter grammar is narrow (a time range first, then
// one scope and optionally the caller), so the adapter builds exactly that and nothing else.
import { MonitorClient } from '@azure/arm-monitor';
import { AdapterError, nextStepFor } from './errors';
import { withRetry } from './retry';
import { modernArmOptions, type ArmContext } from './client-options';

/** One Activity Log event, as HayMaker keeps it (no claims beyond the caller's ids: nothing else is needed). */
export interface ActivityLogEvent {
  eventDataId: string;
  eventTimestamp: string;
  operationName: string;
  status: string;
  resourceId: string;
  resourceGroupName?: string;
  caller: string;
  callerAppId?: string;
  callerObjectId?: string;
  correlationId: string;
}

export interface ActivityLog {
  /** Every event the caller (an object id, as the Activity Log's `caller` carries it for a principal) made in the range, all pages. */
  listByCaller(caller: string, from: Date, to: Date): Promise<ActivityLogEvent[]>;
}

const OBJECT_ID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
/** An OData string literal: a quote is doubled. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function activityLogFilter(caller: string, from: Date, to: Date): string {
  return `eventTimestamp ge ${literal(from.toISOString())} and eventTimestamp le ${literal(to.toISOString())} and caller eq ${literal(caller)}`;
}

export function createActivityLog(context: ArmContext): ActivityLog {
  const client = new MonitorClient(context.credential, context.subscriptionId, modernArmOptions(context));
  return {
    async listByCaller(caller, from, to) {
      const filter = activityLogFilter(caller, from, to);
      try {
        return await withRetry(async () => {
          const events: ActivityLogEvent[] = [];
          for await (const e of client.activityLogs.list(filter)) {
            events.push({
              eventDataId: e.eventDataId ?? '',
              eventTimestamp: e.eventTimestamp?.toISOString() ?? '',
              operationName: e.operationName?.value ?? '',
              status: e.status?.value ?? '',
              resourceId: e.resourceId ?? '',
              ...(e.resourceGroupName ? { resourceGroupName: e.resourceGroupName } : {}),
              caller: e.caller ?? '',
              ...(e.claims?.appid ? { callerAppId: e.claims.appid } : {}),
              ...(e.claims?.[OBJECT_ID_CLAIM] ? { callerObjectId: e.claims[OBJECT_ID_CLAIM] } : {}),
              correlationId: e.correlationId ?? '',
            });
          }
          return events;
        }, context.retry);
      } catch (error) {
        throw new AdapterError(
          `reading the Activity Log of caller ${caller}`,
          error,
          nextStepFor(error, 'Reader (Microsoft.Insights/eventtypes/values/read) on the subscription'),
        );
      }
    },
  };
}
