// A report and audit trail for renderer tests: the report.json of a real `haymaker start` run, plus a second
// scenario that hit a deadline and needed a repair, so every section of the page has something to show.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditEventRecord } from '../../adapters/audit-store';
import type { RunReport } from '../../contract/report';

export function realReport(): RunReport {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures', 'real-run-report.json'), 'utf8'),
  ) as RunReport;
}

export function eventfulReport(): RunReport {
  const report = realReport();
  const base = report.scenarios[0]!;
  const at = (h: number) => new Date(Date.parse(report.startedAt) + h * 3600_000).toISOString();
  report.scenarios.push({
    ...base,
    scenarioId: 'compute-01-linux-vm-patch-check',
    status: 'failed',
    phases: [
      { step: 'provisionPrincipal', status: 'succeeded', startedAt: at(0.1), endedAt: at(0.2) },
      { step: 'deploy', status: 'succeeded', startedAt: at(0.3), endedAt: at(1) },
      { step: 'operate', status: 'succeeded', burst: 0, startedAt: at(2), endedAt: at(2.2) },
      {
        step: 'operate',
        status: 'timedOut',
        burst: 1,
        startedAt: at(5),
        endedAt: at(5.4),
        error: 'burst deadline of 20 minutes passed',
      },
      {
        step: 'cleanup',
        status: 'failed',
        startedAt: at(9),
        endedAt: at(9.5),
        error: 'step "delete <vm>" failed',
      },
      { step: 'deletePrincipal', status: 'succeeded', startedAt: at(10), endedAt: at(10.1) },
    ],
    resourcesCreated: 3,
    resourcesDeleted: 2,
    forceDeleted: 1,
    cleanupVerified: false,
    errors: ['cleanup step "delete <vm>" failed (exit 1)'],
  });
  report.summary.scenarios = { total: 2, succeeded: 1, failed: 1 };
  report.summary.cleanupVerified = false;
  report.summary.leaked.resources = 1;
  report.leftovers = [
    {
      kind: 'resources',
      id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-<script>',
    },
  ];
  return report;
}

export function eventfulAudit(runId: string): AuditEventRecord[] {
  const e = (
    n: number,
    type: string,
    scenarioId: string,
    phase: string,
    data: Record<string, unknown>,
  ): AuditEventRecord => ({
    eventId: `e${n}`,
    runId,
    scenarioId,
    type,
    source: 'agent',
    phase,
    timestamp: new Date(Date.UTC(2026, 10, 23, 17, n)).toISOString(),
    data,
  });
  return [
    e(1, 'error_encountered', 'compute-01-linux-vm-patch-check', 'deploy', {
      step: 'Create the VM',
      exitCode: 1,
    }),
    e(2, 'error_resolved', 'compute-01-linux-vm-patch-check', 'deploy', {
      step: 'Create the VM',
      attempts: 2,
      summary: 'used an available VM size',
    }),
    e(3, 'phase_completed', 'compute-01-linux-vm-patch-check', 'deploy', {
      tokens: { input: 4000, output: 1000, cacheRead: 500, cacheCreation: 0 },
    }),
    e(4, 'error_encountered', 'compute-01-linux-vm-patch-check', 'cleanup', {
      step: 'Delete the VM',
      exitCode: 3,
    }),
    e(5, 'phase_failed', 'compute-01-linux-vm-patch-check', 'cleanup', {
      tokens: { input: 2000, output: 500, cacheRead: 0, cacheCreation: 0 },
    }),
  ];
}
