// The report's per-scenario coverage (DESIGN §7): declared operations against the scenario's hay, with what was
// expected and never seen and what was seen and not declared flagged on the page.
import { buildRunReport } from '../../reports/build-report';
import { renderRunReportHtml } from '../../reports/render-html';
import type { ScenarioReportInput } from '../../contract/report';

const scenario = (id: string, hay?: ScenarioReportInput['hay']): ScenarioReportInput => ({
  scenarioId: id,
  status: 'succeeded',
  phases: [],
  leftoversFound: 0,
  forceDeleted: 0,
  cleanupVerified: true,
  principalVerifiedGone: true,
  errors: [],
  ...(hay ? { hay } : {}),
});

describe('report coverage', () => {
  const report = buildRunReport({
    runId: 'run00001-cov',
    events: [],
    ledger: [],
    leftovers: [],
    generatedAt: '2026-04-01T10:00:00.000Z',
    run: {
      seed: 's',
      startedAt: '2026-04-01T08:00:00.000Z',
      endedAt: '2026-04-01T10:00:00.000Z',
      status: 'completed',
      sweep: { found: 0, deleted: 0, failed: [] },
      scenarios: [
        scenario('a-01', {
          file: 'hay-a-01.json',
          events: 6,
          coverage: {
            expected: ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/restart/action'],
            observed: ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/config/write'],
            missing: ['Microsoft.Web/sites/restart/action'],
            unexpected: ['Microsoft.Web/sites/config/write'],
          },
          entraAudit: { collected: false, reason: 'no AuditLog.Read.All' },
        }),
        scenario('b-02', { error: 'Activity Log unreachable' }),
        scenario('c-03'),
      ],
    },
  });

  it('carries expected and observed per scenario, and says when hay was not collected', () => {
    expect(report.scenarios.map((s) => s.coverage)).toEqual([
      {
        expected: ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/restart/action'],
        observed: ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/config/write'],
        missing: ['Microsoft.Web/sites/restart/action'],
        unexpected: ['Microsoft.Web/sites/config/write'],
        collected: true,
        hayFile: 'hay-a-01.json',
        events: 6,
      },
      {
        expected: [],
        observed: [],
        missing: [],
        unexpected: [],
        collected: false,
        error: 'Activity Log unreachable',
      },
      { expected: [], observed: [], missing: [], unexpected: [], collected: false },
    ]);
  });

  it('flags expected-never-seen and seen-not-expected on the page', () => {
    const html = renderRunReportHtml(report);
    expect(html).toContain('coverage 1/2 declared operation(s) observed');
    expect(html).toMatch(/Expected, never seen: <code>Microsoft\.Web\/sites\/restart\/action<\/code>/);
    expect(html).toMatch(/Seen, not declared: <code>Microsoft\.Web\/sites\/config\/write<\/code>/);
    expect(html).toContain('Ground truth: not collected (Activity Log unreachable)');
  });
});
