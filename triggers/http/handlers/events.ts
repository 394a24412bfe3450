// GET /v1/runs/{run_id}/events: the audit trail (agent and orchestrator events), oldest first, for `events --follow`
// (the `after` parameter returns only newer events).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createScrubber, scrubValue } from '../../../core/scrub';
import { paginate } from '../params';
import { listEventsQuery } from '../requests';
import { json } from '../respond';
import type { ApiContext } from '../services';
import { runWithAudit } from './run-audit';

/** No known secret values here: the shapes of keys, tokens, connection strings and passwords in URLs. */
const scrubShapes = createScrubber([]);

export async function listEvents(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const { runId, q, audit } = await runWithAudit(req, api, listEventsQuery);
  const events = audit ? await audit.listEvents(runId) : [];
  const after = q.after ? Date.parse(q.after) : undefined;
  const items = events
    .filter(
      (e) =>
        (!q.type || e.type === q.type) &&
        (!q.scenario_name || e.scenarioId === q.scenario_name) &&
        (after === undefined || Date.parse(e.timestamp) > after),
    )
    .map((e) => ({
      event_id: e.eventId,
      type: e.type,
      source: e.source,
      scenario_id: e.scenarioId ?? null,
      phase: e.phase ?? null,
      burst: e.burst ?? null,
      timestamp: e.timestamp,
      // Scrubbed again on the way out: the agent scrubs before it publishes, but a pattern it missed (or an
      // older agent image) must not reach the API's callers.
      data: scrubValue(e.data, scrubShapes),
    }));
  const page = paginate(items, q.page, q.page_size);
  return json(inv, 200, {
    run_id: runId,
    audit_available: !!audit,
    items: page.items,
    pagination: page.pagination,
  });
}
