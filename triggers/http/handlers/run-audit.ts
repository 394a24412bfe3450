// What the routes over a run's ledger and audit trail first need: the run (a 404 when there is none), their parsed
// query and the audit trail (undefined when it cannot be reached: they answer without it).
import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { parseParams, parseRunId, queryObject } from '../params';
import { loadRun } from '../run-view';
import { auditTrail, type ApiContext } from '../services';

export async function runWithAudit<T extends z.ZodType>(req: HttpRequest, api: ApiContext, query: T) {
  const runId = parseRunId(req.params.run_id);
  const q = parseParams(query, queryObject(req.query), 'query');
  const { entity } = await loadRun(api.client, runId);
  return { runId, q, entity, audit: await auditTrail(api) };
}
