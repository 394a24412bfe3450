// The office-hours profile on the report: carried from the run into report.json and shaded on every timeline, so a
// reader sees where the bursts were meant to crowd. Without a profile the page shows no shading.
import { buildRunReport } from '../../reports/build-report';
import { busyBands } from '../../reports/office-hours-bands';
import { renderRunReportHtml } from '../../reports/render-html';
import type { OfficeHours } from '../../core/office-hours';

const berlin: OfficeHours = {
  timeZone: 'Europe/Berlin',
  workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  busyFrom: 9,
  busyTo: 17,
};

function report(officeHours?: OfficeHours) {
  // Friday 4 December 2026 06:00 UTC (07:00 in Berlin) to Saturday 06:00 UTC: one working day, then a rest day.
  return buildRunReport({
    runId: 'run00001-office',
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
      scenarios: [
        {
          scenarioId: 'compute-01-a',
          status: 'succeeded',
          phases: [
            {
              step: 'operate',
              status: 'succeeded',
              burst: 0,
              startedAt: '2026-12-04T09:00:00.000Z',
              endedAt: '2026-12-04T09:20:00.000Z',
            },
          ],
          leftoversFound: 0,
          forceDeleted: 0,
          cleanupVerified: true,
          principalVerifiedGone: true,
          errors: [],
        },
      ],
      ...(officeHours ? { officeHours } : {}),
    },
  });
}

describe('office hours on the report', () => {
  it('finds Friday 09:00-17:00 Berlin (08:00-16:00 UTC) and nothing on Saturday', () => {
    const start = Date.parse('2026-12-04T06:00:00.000Z');
    const bands = busyBands(berlin, start, 24 * 3_600_000);
    expect(bands).toHaveLength(1);
    expect(bands[0]!.leftPercent).toBeCloseTo((2 / 24) * 100, 5);
    expect(bands[0]!.widthPercent).toBeCloseTo((8 / 24) * 100, 5);
  });

  it('carries the profile into report.json and shades the timeline with a legend', () => {
    const withProfile = report(berlin);
    expect(withProfile.officeHours).toEqual(berlin);
    const page = renderRunReportHtml(withProfile);
    expect(page.match(/class="office"/g)).toHaveLength(1);
    expect(page).toContain('style="left:8.33%;width:33.33%"');
    expect(page).toContain('office hours (Europe/Berlin, busy 09:00–17:00 on Mon, Tue, Wed, Thu, Fri)');
  });

  it('shades nothing without a profile', () => {
    const plain = report();
    expect(plain.officeHours).toBeUndefined();
    const page = renderRunReportHtml(plain);
    expect(page).not.toContain('class="office"');
    expect(page).not.toContain('office hours (');
  });
});
