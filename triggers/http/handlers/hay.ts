// GET /v1/runs/{run_id}/hay: the run's ground truth, every scenario's labelled control-plane events, as JSON, JSON
// Lines or CSV (docs/ground-truth.md loads them into Microsoft Sentinel or a Log Analytics table).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { HAY_EXPORT_FIELDS, hayFileName, type HayRecord } from '../../../contract/hay';
import { hayRows, toCsv, toJsonLines } from '../../../reports/hay-export';
import { parseParams, parseRunId, queryObject } from '../params';
import { hayQuery } from '../requests';
import { json, TRACE_HEADER, traceIdOf } from '../respond';
import type { ApiContext } from '../services';
import { readReport } from './report';

export async function getHay(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const runId = parseRunId(req.params.run_id);
  const { format } = parseParams(hayQuery, queryObject(req.query), 'query');
  const report = await readReport(api, runId);
  const reports = (await api.services()).reports;
  const records: HayRecord[] = [];
  for (const s of report.scenarios) {
    const text = await reports.read(runId, s.coverage?.hayFile ?? hayFileName(s.scenarioId));
    if (text) records.push(JSON.parse(text) as HayRecord);
  }
  const rows = hayRows(records);
  if (format === 'json') return json(inv, 200, rows);
  return {
    status: 200,
    body: format === 'csv' ? toCsv(rows, HAY_EXPORT_FIELDS) : toJsonLines(rows),
    headers: {
      [TRACE_HEADER]: traceIdOf(inv),
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
    },
  };
}
