// GET /v1/runs/{run_id}/report (HTML) and /report.json: the stored report.json, rendered on the way out so the page
// always has the current renderer's layout and the audit trail's repairs and tokens.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { renderRunReportHtml } from '../../../reports/render-html';
import { reportExtras } from '../../../reports/extras';
import type { RunReport } from '../../../contract/report';
import { parseRunId } from '../params';
import { ApiError, html, json } from '../respond';
import { loadRun } from '../run-view';
import { auditTrail, type ApiContext } from '../services';

export async function readReport(api: ApiContext, runId: string): Promise<RunReport> {
  const { entity } = await loadRun(api.client, runId);
  const text = await (await api.services()).reports.read(runId, 'report.json');
  if (!text) {
    const phase = entity?.phase ?? 'unknown';
    throw new ApiError(
      'report_not_ready',
      `run "${runId}" has no report yet (phase ${phase}); the report is written when the run ends`,
    );
  }
  return JSON.parse(text) as RunReport;
}

export async function getReportJson(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  return json(inv, 200, await readReport(api, parseRunId(req.params.run_id)));
}

export async function getReportHtml(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const runId = parseRunId(req.params.run_id);
  const report = await readReport(api, runId);
  const audit = await auditTrail(api);
  const events = audit ? await audit.listEvents(runId).catch(() => []) : [];
  return html(inv, renderRunReportHtml(report, reportExtras(audit ? events : undefined)));
}
