// The Activity Log (Microsoft.Insights): every ARM write, delete and action is recorded from the request log with
// the caller its token names, and served on ActivityLogs_List. Events become readable only after
// `settings.activityLogIngestionDelayMs`, on the sandbox clock (so a scaled run waits scaled time), as Azure's do.
import { armHandler } from '../arm/guards';
import { azureError, json, type SandboxRequest } from '../core/http';
import type { SandboxService, ServiceContext } from '../core/service';
import { eventData, recordsForRequest, type ActivityLogRecord } from './events';
import { parseActivityLogFilter, retentionMs, type ActivityLogFilter } from './filter';

/** Events per page before `nextLink` (ARM pages the Activity Log; the sandbox pages early to exercise it). */
export const activityLogPageSize = 200;

interface ActivityLogState {
  events: ActivityLogRecord[];
}

export const activityLogState = (ctx: ServiceContext): ActivityLogState =>
  ctx.state.area<ActivityLogState>('activityLog', () => ({ events: [] }));

const selectable = new Set([
  'authorization',
  'claims',
  'correlationId',
  'description',
  'eventDataId',
  'eventName',
  'eventTimestamp',
  'httpRequest',
  'level',
  'operationId',
  'operationName',
  'properties',
  'resourceGroupName',
  'resourceProviderName',
  'resourceId',
  'status',
  'submissionTimestamp',
  'subStatus',
  'subscriptionId',
  'caller',
  'category',
  'channels',
  'id',
  'resourceType',
  'tenantId',
]);

const same = (a: string | undefined, b: string | undefined) =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function matches(record: ActivityLogRecord, filter: ActivityLogFilter, subscriptionId: string): boolean {
  if (!same(record.subscriptionId, subscriptionId)) return false;
  if (record.eventTimestamp < filter.from) return false;
  if (filter.to !== undefined && record.eventTimestamp > filter.to) return false;
  if (filter.resourceGroupName !== undefined && !same(record.resourceGroupName, filter.resourceGroupName))
    return false;
  if (filter.resourceUri !== undefined && !same(record.resourceId, filter.resourceUri)) return false;
  if (filter.resourceProvider !== undefined && !same(record.resourceProvider, filter.resourceProvider))
    return false;
  if (filter.correlationId !== undefined && !same(record.correlationId, filter.correlationId)) return false;
  if (
    filter.caller !== undefined &&
    !same(record.callerObjectId, filter.caller) &&
    !same(record.callerAppId, filter.caller)
  )
    return false;
  return true;
}

function list(ctx: ServiceContext, req: SandboxRequest) {
  const now = ctx.clock.now();
  const filter = parseActivityLogFilter(req.query.get('$filter'), now);
  if ('error' in filter) return azureError(400, 'BadRequest', filter.error);
  const select = req.query
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = select?.find((s) => !selectable.has(s));
  if (unknown) return azureError(400, 'BadRequest', `$select property '${unknown}' is not supported.`);
  const visible = activityLogState(ctx)
    .events.filter((e) => e.submissionTimestamp <= now && matches(e, filter, req.params.subscriptionId))
    .sort((a, b) => b.eventTimestamp - a.eventTimestamp);
  const skip = Math.max(0, Number(req.query.get('$skiptoken') ?? 0) || 0);
  const page = visible.slice(skip, skip + activityLogPageSize).map((record) => {
    const full = eventData(record);
    return select ? Object.fromEntries(select.map((k) => [k, full[k]])) : full;
  });
  const body: Record<string, unknown> = { value: page };
  if (skip + activityLogPageSize < visible.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', String(skip + activityLogPageSize));
    body.nextLink = `${req.baseUrl}${req.path}?${next.toString()}`;
  }
  return json(200, body);
}

export const createActivityLogService = (): SandboxService => ({
  name: 'activity-log',
  endpoint: 'arm',
  register(router, ctx) {
    // Reading the Activity Log is Microsoft.Insights/eventtypes/values/Read at the subscription (Reader has it).
    // https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log#view-the-activity-log
    router.get(
      '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values',
      'ActivityLogs_List',
      armHandler(
        ctx,
        (req) => list(ctx, req),
        (req) => ({
          action: 'Microsoft.Insights/eventtypes/values/read',
          scope: `/subscriptions/${req.params.subscriptionId}`,
        }),
      ),
    );
    ctx.log.onEntry((entry) => {
      const now = ctx.clock.now();
      const records = recordsForRequest(entry, {
        now,
        ingestionDelayMs: ctx.settings.activityLogIngestionDelayMs,
        tenantId: ctx.tenantId,
        guid: ctx.ids.guid,
      });
      if (records.length === 0) return;
      const state = activityLogState(ctx);
      state.events = state.events.filter((e) => e.eventTimestamp >= now - retentionMs);
      state.events.push(...records);
    });
  },
});
