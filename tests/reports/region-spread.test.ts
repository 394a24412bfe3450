// The regions on the report: each scenario's region in report.json and on its HTML section, and the spread (scenarios
// per region) in the summary and as a card. A run from before regions shows neither.
import { buildRunReport } from '../../reports/build-report';
import { renderRunReportHtml } from '../../reports/render-html';
import type { ScenarioReportInput } from '../../contract/report';

const scenario = (scenarioId: string, region?: string): ScenarioReportInput => ({
  scenarioId,
  status: 'succeeded',
  phases: [],
  leftoversFound: 0,
  forceDeleted: 0,
  cleanupVerified: true,
  principalVerifiedGone: true,
  errors: [],
  ...(region ? { region } : {}),
});

function report(scenarios: ScenarioReportInput[]) {
  return buildRunReport({
    runId: 'run00001-region',
    events: [],
    ledger: [],
    leftovers: [],
    generatedAt: '2026-12-05T06:00:00.000Z',
    run: {
      seed: 's',
      startedAt: '2026-12-04T06:00:00.000Z',
      endedAt: '2026-12-05T06:00:00.000Z',
      status: 'completed',
      sweep: { found: 0, deleted: 0, failed: [] },
      scenarios,
    },
  });
}

describe('regions on the report', () => {
  const spread = report([
    scenario('compute-01-a', 'westeurope'),
    scenario('databases-01-b', 'eastus2'),
    scenario('networking-01-c', 'westeurope'),
  ]);

  it('keeps each scenario region and counts scenarios per region in report.json', () => {
    expect(spread.scenarios.map((s) => [s.scenarioId, s.region])).toEqual([
      ['compute-01-a', 'westeurope'],
      ['databases-01-b', 'eastus2'],
      ['networking-01-c', 'westeurope'],
    ]);
    expect(spread.summary.regions).toEqual({ eastus2: 1, westeurope: 2 });
  });

  it('shows the region beside each scenario and the spread as a card', () => {
    const html = renderRunReportHtml(spread);
    expect(html).toContain('<div class="card regions"><b>2</b>region(s)<br>eastus2 1 · westeurope 2</div>');
    expect(html).toMatch(/compute-01-a <span class="region">westeurope<\/span><\/h3>/);
    expect(html).toMatch(/databases-01-b <span class="region">eastus2<\/span><\/h3>/);
  });

  it('shows no spread for a run whose scenarios recorded no region', () => {
    const old = report([scenario('compute-01-a')]);
    expect(old.summary.regions).toEqual({});
    const html = renderRunReportHtml(old);
    expect(html).not.toContain('card regions');
    expect(html).not.toContain('class="region"');
  });
});
