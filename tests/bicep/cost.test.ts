// docs/cost.md states what bicep/checks/cost.ts computes: a changed assumption without a refreshed doc fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSUMPTIONS, PRICES } from '../../bicep/checks/cost-assumptions';
import { agentSecondsPerScenario, costTable, estimateMonthlyCost } from '../../bicep/checks/cost';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'cost.md'), 'utf8');
const jobLine = (estimate: ReturnType<typeof estimateMonthlyCost>) =>
  estimate.mediumRunDaily[0].usdPerMonth.toFixed(2);

describe('cost estimate', () => {
  it('docs/cost.md carries the table the script prints', () => {
    expect(doc).toContain(costTable(estimateMonthlyCost()));
  });

  it('docs/cost.md quotes the comparison figures the script computes', () => {
    const estimate = estimateMonthlyCost();
    expect(doc).toContain(`$${estimate.serviceBusBasicInstead.toFixed(2)}`);
    expect(doc).toContain(
      `$${jobLine(estimateMonthlyCost(PRICES, ASSUMPTIONS, { vCpu: 2, memoryGib: 4 }))} a month`,
    );
    expect(doc).toContain(
      `would have been $${jobLine(estimateMonthlyCost(PRICES, ASSUMPTIONS, { vCpu: 2, memoryGib: 64 }))}`,
    );
    const noGrant = {
      ...PRICES,
      containerApps: { ...PRICES.containerApps, freeVCpuSecondsPerMonth: 0, freeGibSecondsPerMonth: 0 },
    };
    expect(doc).toContain(`job line is $${jobLine(estimateMonthlyCost(noGrant))}`);
    expect(doc).toContain(`snapshot ${PRICES.asOf}`);
  });

  it('prices agent compute per second of each execution, less the monthly free grant', () => {
    const perScenario = agentSecondsPerScenario(ASSUMPTIONS.agent);
    expect(perScenario).toEqual({ vCpuSeconds: 1350, gibSeconds: 2700 });
    const estimate = estimateMonthlyCost();
    const expected = (1350 * 15 * 30 - 180_000) * 0.000024 + (2700 * 15 * 30 - 360_000) * 0.000003;
    expect(estimate.mediumRunDaily[0].usdPerMonth).toBeCloseTo(expected, 1);
  });

  it('totals are the sum of their lines', () => {
    const e = estimateMonthlyCost();
    expect(e.idleTotal).toBeCloseTo(
      e.idle.reduce((t, l) => t + l.usdPerMonth, 0),
      2,
    );
    expect(e.total).toBeCloseTo(e.idleTotal + e.mediumRunDailyTotal, 2);
  });
});
