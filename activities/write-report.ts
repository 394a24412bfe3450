// Writes report.json and report.html. Before writing it looks at the tenant again, so "cleanupVerified" is a
// statement about what is there now, not about what the orchestration believed.
import { APP_REGISTRATION_PREFIX, SECRET_NAME_PREFIX, runShort } from '../core/naming';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { findConfirmedResources } from './find-tagged-resources';
import { buildRunReport, type BuildReportInput } from '../reports/build-report';
import { reportExtras } from '../reports/extras';
import { renderRunReportHtml } from '../reports/render-html';

/** What the report reads (the audit trail and, for leftovers, the tenant) and where it writes. */
type Deps = Pick<Dependencies, 'settings' | 'audit' | 'reports' | 'now'> &
  Pick<Dependencies, 'arm' | 'resourceGraph' | 'armConcurrency'> &
  Pick<Dependencies, 'graph' | 'secrets' | 'roleAssignments'>;

async function findRunLeftovers(deps: Deps, runId: string): Promise<BuildReportInput['leftovers']> {
  const short = runShort(runId);
  const leftovers: BuildReportInput['leftovers'] = [];
  for (const r of await findConfirmedResources(deps, runId)) leftovers.push({ kind: 'resources', id: r.id });
  const apps = (await deps.graph.listApplicationsByPrefix(APP_REGISTRATION_PREFIX)).filter((a) =>
    a.displayName.endsWith(`-${short}-admin`),
  );
  for (const app of apps) {
    leftovers.push({ kind: 'appRegistrations', id: app.id });
    const sp = await deps.graph.findServicePrincipalByAppId(app.appId);
    if (!sp) continue;
    leftovers.push({ kind: 'principals', id: sp.id });
    for (const ra of await deps.roleAssignments.listForPrincipal(sp.id))
      leftovers.push({ kind: 'roleAssignments', id: ra.id });
  }
  for (const s of await deps.secrets.listByPrefix(SECRET_NAME_PREFIX)) {
    if (s.name.endsWith(`-${short}-secret`)) leftovers.push({ kind: 'secrets', id: s.name });
  }
  return leftovers;
}

export function createWriteReport(deps: Deps): ActivityHandler<'writeReport'> {
  return async ({ runId, run, stoppedAs }) => {
    const [events, ledger, leftovers] = await Promise.all([
      deps.audit.listEvents(runId),
      deps.audit.listLedger(runId),
      findRunLeftovers(deps, runId),
    ]);
    const report = buildRunReport({
      runId,
      ...(run ? { run } : {}),
      ...(stoppedAs ? { stoppedAs } : {}),
      events,
      ledger,
      leftovers,
      generatedAt: deps.now().toISOString(),
    });
    const reportJsonPath = await deps.reports.write(
      runId,
      'report.json',
      `${JSON.stringify(report, null, 2)}\n`,
      'application/json',
    );
    const reportHtmlPath = await deps.reports.write(
      runId,
      'report.html',
      renderRunReportHtml(report, reportExtras(events)),
      'text/html; charset=utf-8',
    );
    return { reportJsonPath, reportHtmlPath, cleanupVerified: report.summary.cleanupVerified };
  };
}
