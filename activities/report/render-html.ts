// A minimal, dependency-free HTML view of the report (a richer one can replace it; it takes the same RunReport).
import type { RunReport } from './build-report';

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderReportHtml(report: RunReport): string {
  const verdict = report.summary.cleanupVerified
    ? 'Cleanup verified: nothing left behind'
    : 'Cleanup NOT verified: objects left behind';
  const leaked = Object.entries(report.summary.leaked)
    .map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`)
    .join('');
  const rows = report.scenarios
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.scenarioId)}</td><td>${escapeHtml(s.status)}</td><td>${s.resourcesCreated}</td><td>${s.resourcesDeleted}</td>` +
        `<td>${s.forceDeleted}</td><td>${escapeHtml(s.errors.join('; '))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HayMaker run ${escapeHtml(report.runId)}</title></head>
<body>
<h1>HayMaker run ${escapeHtml(report.runId)}</h1>
<p>Status: <strong>${escapeHtml(report.status)}</strong> — ${escapeHtml(report.startedAt)} to ${escapeHtml(report.endedAt)} (size ${escapeHtml(report.size ?? 'explicit')}, seed ${escapeHtml(report.seed)})</p>
<p>${escapeHtml(verdict)}</p>
<p>Scenarios: ${report.summary.scenarios.total} (${report.summary.scenarios.succeeded} succeeded, ${report.summary.scenarios.failed} failed)</p>
<h2>Leaked after cleanup</h2><ul>${leaked}</ul>
${report.errors.length ? `<h2>Run errors</h2><ul>${report.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : ''}
<h2>Scenarios</h2>
<table><thead><tr><th>scenario</th><th>status</th><th>created</th><th>deleted</th><th>force-deleted</th><th>errors</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
