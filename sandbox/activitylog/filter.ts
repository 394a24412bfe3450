// The Activity Log's `$filter`, as narrow as ARM's: required, a time range first (`eventTimestamp ge '…'`, optionally
// `and eventTimestamp le '…'`), then at most one of resourceGroupName / resourceUri / resourceProvider /
// correlationId, and optionally `caller eq '…'` (what `az monitor activity-log list --caller` appends). "No other
// syntax is allowed" (ActivityLogs_List, azure-rest-api-specs monitor/resource-manager/Microsoft.Insights/stable/
// 2015-04-01/activityLogs_API.json). ARM answers a bad filter 400 BadRequest "$filter searching parameters invalid"
// (https://github.com/MicrosoftDocs/feedback/issues/319), a missing one 400 as well
// (https://github.com/Azure/azure-rest-api-specs/issues/2467), and a start older than the 90 days it keeps 400 Bad
// Request (https://github.com/Azure/azure-cli/issues/4885; retention:
// https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log#retention-period).

export const retentionMs = 90 * 24 * 60 * 60 * 1000;

export interface ActivityLogFilter {
  from: number;
  to?: number;
  resourceGroupName?: string;
  resourceUri?: string;
  resourceProvider?: string;
  correlationId?: string;
  caller?: string;
}

const clause = /^\s*(\w+)\s+(eq|ge|le)\s+'([^']*)'\s*$/i;
const scopeFields = ['resourceGroupName', 'resourceUri', 'resourceProvider', 'correlationId'] as const;

export function parseActivityLogFilter(
  text: string | null,
  now: number,
): ActivityLogFilter | { error: string } {
  if (!text?.trim())
    return { error: 'The $filter query parameter is required and must name at least the start time.' };
  const invalid = { error: '$filter searching parameters invalid' };
  const parts = text.split(/\s+and\s+/i).map((p) => clause.exec(p));
  if (parts.some((p) => !p)) return invalid;
  const clauses = parts.map((p) => ({ field: p![1], op: p![2].toLowerCase(), value: p![3] }));
  const [first, ...rest] = clauses;
  if (first.field.toLowerCase() !== 'eventtimestamp' || first.op !== 'ge') return invalid;
  const from = Date.parse(first.value);
  if (Number.isNaN(from)) return invalid;
  const filter: ActivityLogFilter = { from };
  let scoped = false;
  for (const [i, c] of rest.entries()) {
    const field = c.field.toLowerCase();
    if (field === 'eventtimestamp' && c.op === 'le' && i === 0) {
      const to = Date.parse(c.value);
      if (Number.isNaN(to) || to < from) return invalid;
      filter.to = to;
    } else if (field === 'eventchannels' && c.op === 'eq') {
      // The older grammar's channel clause; every administrative event is on these channels.
    } else if (field === 'caller' && c.op === 'eq' && filter.caller === undefined) {
      filter.caller = c.value;
    } else {
      const scope = scopeFields.find((f) => f.toLowerCase() === field);
      if (!scope || c.op !== 'eq' || scoped) return invalid;
      filter[scope] = c.value;
      scoped = true;
    }
  }
  if (from < now - retentionMs)
    return {
      error: `The start time ${first.value} is more than 90 days ago; the Activity Log keeps events for 90 days.`,
    };
  return filter;
}
