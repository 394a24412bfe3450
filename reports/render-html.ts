// The run report as one self-contained HTML page: inline CSS, no scripts, no external assets, so it opens from a
// blob, a mail attachment or a closed network alike. Input: report.json (DESIGN.md §7) plus the audit extras.
import type { RunReport, ScenarioReport } from '../contract/report';
import { reportExtras, type ReportExtras, type TokenCounts } from './extras';
import { busyBands, describeOfficeHours, type Band } from './office-hours-bands';
import { REPORT_CSS } from './report-css';

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const PRINCIPAL_STEPS = new Set([
  'createResourceGroups',
  'provisionPrincipal',
  'assignRoles',
  'rolePropagation',
  'deletePrincipal',
]);
const ms = (iso: string) => Date.parse(iso);

function duration(fromIso: string, toIso: string): string {
  const s = Math.max(0, Math.round((ms(toIso) - ms(fromIso)) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m}m` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

const badge = (status: string) => `<span class="badge ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
const fmtUsd = (usd: number) => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
const sumTokens = (t: TokenCounts) => t.input + t.output + t.cacheRead + t.cacheCreation;

function timeline(s: ScenarioReport, start: number, span: number, busy: Band[]): string {
  const shade = busy
    .map(
      (b) =>
        `<div class="office" style="left:${b.leftPercent.toFixed(2)}%;width:${b.widthPercent.toFixed(2)}%"></div>`,
    )
    .join('');
  const bars = s.phases
    .filter((p) => Number.isFinite(ms(p.startedAt)) && Number.isFinite(ms(p.endedAt)))
    .map((p) => {
      const left = ((ms(p.startedAt) - start) / span) * 100;
      const width = Math.max(0.6, ((ms(p.endedAt) - ms(p.startedAt)) / span) * 100);
      const label = `${p.step}${p.burst !== undefined ? ` #${p.burst + 1}` : ''}`;
      const title = `${label}: ${p.status}, ${duration(p.startedAt, p.endedAt)}${p.error ? ` — ${p.error}` : ''}`;
      return `<div class="bar ${escapeHtml(p.status)} step-${escapeHtml(p.step)}" style="left:${left.toFixed(2)}%;width:${Math.min(width, 100 - left).toFixed(2)}%" title="${escapeHtml(title)}"></div>`;
    })
    .join('');
  return `<div class="track" role="img" aria-label="timeline of ${escapeHtml(s.scenarioId)}">${shade}${bars}</div>`;
}

/** Agent jobs of the phase that crashed and were started again, e.g. "retried after 1 crash (exec-1: …)". */
function retriedNote(p: ScenarioReport['phases'][number]): string {
  const crashes = p.crashes ?? [];
  if (crashes.length === 0) return '';
  const detail = crashes.map((c) => `${c.executionName}: ${c.reason}`).join('; ');
  return ` <span class="retried" title="${escapeHtml(detail)}">retried after ${crashes.length} crash${crashes.length > 1 ? 'es' : ''}</span>`;
}

function phaseTable(s: ScenarioReport): string {
  const rows = s.phases
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.step)}${p.burst !== undefined ? ` burst ${p.burst + 1}` : ''}</td><td>${badge(p.status)}${p.status === 'timedOut' ? ' <strong class="deadline">deadline hit</strong>' : ''}${retriedNote(p)}</td>` +
        `<td>${escapeHtml(p.startedAt)}</td><td>${duration(p.startedAt, p.endedAt)}</td><td>${escapeHtml(p.error ?? '')}</td></tr>`,
    )
    .join('');
  return `<table class="phases"><thead><tr><th>phase</th><th>outcome</th><th>started (orchestration time)</th><th>took</th><th>error</th></tr></thead><tbody>${rows || '<tr><td colspan="5">no phases recorded</td></tr>'}</tbody></table>`;
}

/** Expected operations against the Activity Log: what was never seen and what was not declared stand out. */
function coverageLine(s: ScenarioReport): string {
  const c = s.coverage;
  if (!c?.collected)
    return `<p class="muted">Ground truth: not collected${c?.error ? ` (${escapeHtml(c.error)})` : ''}.</p>`;
  const seen = c.expected.length - c.missing.length;
  const list = (names: string[]) => names.map((n) => `<code>${escapeHtml(n)}</code>`).join(', ');
  return (
    `<p class="facts">Ground truth: ${c.events ?? 0} Activity Log event(s) in <code>${escapeHtml(c.hayFile ?? '')}</code> · ` +
    `coverage ${seen}/${c.expected.length} declared operation(s) observed</p>` +
    (c.missing.length ? `<p class="errors">Expected, never seen: ${list(c.missing)}</p>` : '') +
    (c.unexpected.length ? `<p class="errors">Seen, not declared: ${list(c.unexpected)}</p>` : '')
  );
}

function scenarioSection(
  s: ScenarioReport,
  start: number,
  span: number,
  extras: ReportExtras,
  busy: Band[],
): string {
  const bursts = s.phases.filter((p) => p.step === 'operate').length;
  const deadlines = s.phases.filter((p) => p.status === 'timedOut').length;
  const principal = s.phases.filter((p) => PRINCIPAL_STEPS.has(p.step));
  const tokens = extras.tokens.byScenario[s.scenarioId];
  return `<section class="scenario">
<h3>${badge(s.status)} ${escapeHtml(s.scenarioId)}${s.region ? ` <span class="region">${escapeHtml(s.region)}</span>` : ''}</h3>
${timeline(s, start, span, busy)}
<p class="facts">${bursts} operation burst(s) · ${deadlines} deadline(s) hit · resources created ${s.resourcesCreated}, deleted ${s.resourcesDeleted}, force-deleted ${s.forceDeleted} · leftovers found ${s.leftoversFound} · cleanup ${s.cleanupVerified ? 'verified' : 'NOT verified'} · principal ${s.principalVerifiedGone ? 'verified gone' : 'NOT verified gone'} (${principal.map((p) => `${escapeHtml(p.step)} ${escapeHtml(p.status)}`).join(', ') || 'no steps recorded'})${tokens ? ` · ${sumTokens(tokens)} tokens` : ''}</p>
${phaseTable(s)}
${coverageLine(s)}
${s.errors.length ? `<ul class="errors">${s.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function repairsSection(extras: ReportExtras): string {
  if (!extras.auditAvailable)
    return '<p class="muted">The audit trail was not available when this page was rendered: repairs and tokens are not shown.</p>';
  if (extras.repairs.length === 0) return '<p>No step failed: no repair was needed.</p>';
  const rows = extras.repairs
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.scenarioId)}</td><td>${escapeHtml(r.phase)}${r.burst !== null ? ` #${r.burst + 1}` : ''}</td><td>${escapeHtml(r.step)}</td>` +
        `<td>${r.resolved ? badge('resolved') : badge('unresolved')}</td><td>${r.attempts ?? ''}</td><td>${escapeHtml(r.summary)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>scenario</th><th>phase</th><th>step</th><th>outcome</th><th>attempts</th><th>summary</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Renders the page; `extras` defaults to "no audit trail" so a report alone still renders. */
/** The spread of the run's scenarios over regions (none for reports written before regions). */
function regionCard(regions: Record<string, number> | undefined): string {
  const spread = Object.entries(regions ?? {});
  if (spread.length === 0) return '';
  const list = spread.map(([r, n]) => `${escapeHtml(r)} ${n}`).join(' · ');
  return `<div class="card regions"><b>${spread.length}</b>region(s)<br>${list}</div>`;
}

export function renderRunReportHtml(
  report: RunReport,
  extras: ReportExtras = reportExtras(undefined),
): string {
  const starts = report.scenarios
    .flatMap((s) => s.phases.map((p) => ms(p.startedAt)))
    .filter(Number.isFinite);
  const ends = report.scenarios.flatMap((s) => s.phases.map((p) => ms(p.endedAt))).filter(Number.isFinite);
  const start = Math.min(ms(report.startedAt), ...starts);
  const end = Math.max(ms(report.endedAt), ...ends);
  const span = Math.max(1, end - start);
  const busy = report.officeHours ? busyBands(report.officeHours, start, span) : [];
  const sum = report.summary;
  const leaked = Object.entries(sum.leaked);
  const verdict = sum.cleanupVerified
    ? '<div class="verdict ok">Cleanup verified: nothing left behind</div>'
    : '<div class="verdict bad">Cleanup NOT verified: objects left behind (see below)</div>';
  const t = extras.tokens.total;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>HayMaker run ${escapeHtml(report.runId)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header><h1>HayMaker run <code>${escapeHtml(report.runId)}</code></h1>
<p>${badge(report.status)} ${escapeHtml(report.startedAt)} → ${escapeHtml(report.endedAt)} (${duration(report.startedAt, report.endedAt)} orchestration time) · size ${escapeHtml(report.size ?? 'explicit list')} · seed <code>${escapeHtml(report.seed)}</code></p>
${verdict}</header>
<section class="cards">
<div class="card"><b>${sum.scenarios.total}</b>scenarios<br>${sum.scenarios.succeeded} succeeded · ${sum.scenarios.failed} failed</div>
<div class="card"><b>${sum.resources.created}</b>resources created<br>${sum.resources.deleted} deleted · ${sum.resources.forceDeleted} force-deleted</div>
<div class="card"><b>${leaked.reduce((n, [, v]) => n + v, 0)}</b>objects leaked<br>final sweep found ${sum.sweep.found}, deleted ${sum.sweep.deleted}</div>
<div class="card"><b>${extras.repairs.filter((r) => r.resolved).length}</b>errors resolved by repair<br>${extras.repairs.filter((r) => !r.resolved).length} unresolved</div>
<div class="card"><b>${sumTokens(t)}</b>model tokens<br>estimated ${fmtUsd(extras.estimatedTokenCostUsd)}</div>
${regionCard(sum.regions)}
</section>
<h2>Timeline per scenario</h2>
<p class="legend"><span class="bar-key principal"></span>principal <span class="bar-key deploy"></span>deploy <span class="bar-key operate"></span>operation burst <span class="bar-key cleanup"></span>cleanup <span class="bar-key succeeded"></span>verify <span class="bar-key failed"></span>failed <span class="bar-key timedOut"></span>deadline hit <span class="bar-key skipped"></span>skipped</p>
${report.officeHours ? `<p class="legend"><span class="bar-key office"></span>office hours (${escapeHtml(describeOfficeHours(report.officeHours))}): the bursts are placed by them</p>` : ''}
${report.scenarios.map((s) => scenarioSection(s, start, span, extras, busy)).join('\n') || '<p>No scenario ran.</p>'}
<h2>Cleanup verification</h2>
<table><thead><tr><th>kind</th><th>left after cleanup</th></tr></thead><tbody>${leaked.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="${v ? 'bad' : 'ok'}">${v}</td></tr>`).join('')}</tbody></table>
${report.leftovers.length ? `<ul class="errors">${report.leftovers.map((l) => `<li>${escapeHtml(l.kind)}: <code>${escapeHtml(l.id)}</code></li>`).join('')}</ul>` : ''}
${sum.sweep.failed.length ? `<p class="bad">Final sweep could not delete: ${sum.sweep.failed.map(escapeHtml).join(', ')}</p>` : ''}
<h2>Errors resolved by repair</h2>
${repairsSection(extras)}
<h2>Tokens and estimated cost</h2>
<table><tbody><tr><td>input</td><td>${t.input}</td></tr><tr><td>output</td><td>${t.output}</td></tr><tr><td>cache read</td><td>${t.cacheRead}</td></tr><tr><td>cache write</td><td>${t.cacheCreation}</td></tr>
<tr><td>estimated model cost (list prices)</td><td>${fmtUsd(extras.estimatedTokenCostUsd)}</td></tr></tbody></table>
${(report.refused ?? []).length ? `<h2>Refused scenarios</h2><p>HayMaker cannot grant what these need, so it does not run them.</p><ul class="errors">${report.refused.map((r) => `<li><code>${escapeHtml(r.scenarioId)}</code>: ${r.reasons.map(escapeHtml).join('; ')}</li>`).join('')}</ul>` : ''}
${report.errors.length ? `<h2>Run errors</h2><ul class="errors">${report.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : ''}
<footer>Generated ${escapeHtml(report.generatedAt)} · report version ${report.reportVersion} · ${sum.events} audit events</footer>
</body></html>
`;
}
