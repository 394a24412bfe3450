// The report page as HTML text: every section of issue 6 present, self-contained, values escaped.
import { reportExtras, tokenCostUsd } from '../../reports/extras';
import { renderRunReportHtml } from '../../reports/render-html';
import { eventfulAudit, eventfulReport, realReport } from './report-fixture';

describe('report page', () => {
  const report = eventfulReport();
  const extras = reportExtras(eventfulAudit(report.runId));
  const page = renderRunReportHtml(report, extras);

  it('is one self-contained document: inline style, no scripts, links, images or remote URLs', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/<script\b|<link\b|<img\b|@import|url\(|https?:\/\//i);
  });

  it('draws a timeline bar per phase and burst, and marks the deadline that was hit', () => {
    const bars = page.match(/class="bar /g) ?? [];
    expect(bars).toHaveLength(report.scenarios.reduce((n, s) => n + s.phases.length, 0));
    expect(page).toContain('operate burst 2');
    expect(page).toContain('deadline hit');
    expect(page).toContain('2 operation burst(s) · 1 deadline(s) hit');
  });

  it('shows resources, cleanup verification, principal lifecycle and leftovers, escaped', () => {
    expect(page).toContain('Cleanup NOT verified');
    expect(page).toContain('resources created 3, deleted 2, force-deleted 1');
    expect(page).toContain(
      'principal verified gone (provisionPrincipal succeeded, deletePrincipal succeeded)',
    );
    expect(page).toContain('vm-&lt;script&gt;');
    expect(page).not.toContain('vm-<script>');
  });

  it('lists errors resolved by repair and the unresolved one, with tokens and their estimated cost', () => {
    expect(extras.repairs.map((r) => [r.step, r.resolved])).toEqual([
      ['Create the VM', true],
      ['Delete the VM', false],
    ]);
    expect(page).toContain('used an available VM size');
    expect(extras.tokens.total).toEqual({ input: 6000, output: 1500, cacheRead: 500, cacheCreation: 0 });
    expect(extras.estimatedTokenCostUsd).toBeCloseTo((6000 * 3 + 1500 * 15 + 500 * 0.3) / 1e6, 10);
    expect(page).toContain(`$${tokenCostUsd(extras.tokens.total).toFixed(4)}`);
  });

  it('renders a report alone and says the audit trail was not available instead of showing zeros as facts', () => {
    const alone = renderRunReportHtml(realReport());
    expect(alone).toContain('Cleanup verified: nothing left behind');
    expect(alone).toContain('audit trail was not available');
  });
});
