// Collects a finished scenario's hay: every Activity Log event its own principal caused, labelled with run,
// scenario, phase and burst, scrubbed, and stored with the report; only a summary goes back into history.
// Idempotent: the same window gives the same file.
import type { ActivityHandler } from '../contract/activities';
import { hayFileName, type EntraAuditCollection, type HayRecord } from '../contract/hay';
import { createScrubber } from '../core/scrub';
import type { Dependencies } from './dependencies';
import { hayCoverage } from '../contract/hay-coverage';
import { labelEvents, phaseStarts } from './hay/label';

type Deps = Pick<Dependencies, 'activityLog' | 'audit' | 'reports' | 'scenarios' | 'now'>;

/**
 * List directoryAudits needs AuditLog.Read.All and Directory.Read.All (application)
 * (https://learn.microsoft.com/graph/api/directoryaudit-list#permissions); bicep/identities.json grants the
 * orchestrator Application.ReadWrite.OwnedBy and Application.Read.All only, so Entra events are not collected.
 */
export const ENTRA_AUDIT: EntraAuditCollection = {
  collected: false,
  reason:
    'Entra audit events need AuditLog.Read.All and Directory.Read.All (List directoryAudits); HayMaker holds neither (bicep/identities.json), so only Activity Log events are collected',
};

export function createCollectHay(deps: Deps): ActivityHandler<'collectHay'> {
  return async (input, log) => {
    const now = deps.now();
    const created = Date.parse(input.createdAt);
    // Orchestration time (scaled locally) and Azure's clock differ; the principal exists only between its creation
    // and deletion, so a window reaching back the scenario's whole lifetime from now cannot add another caller.
    const lifetime = Math.max(0, Date.parse(input.expiresAt) - created);
    const from = new Date(Math.min(created, now.getTime() - lifetime));
    const [events, audit, catalog] = await Promise.all([
      deps.activityLog.listByCaller(input.principal.servicePrincipalId, from, now),
      deps.audit.listEvents(input.runId),
      deps.scenarios.list(),
    ]);
    const hay = labelEvents(events, phaseStarts(audit, input.scenarioId), input);
    const expected = catalog.find((s) => s.id === input.scenarioId)?.operations ?? [];
    const coverage = hayCoverage(
      expected,
      hay.map((e) => e.operationName),
    );
    const record: HayRecord = {
      runId: input.runId,
      scenarioId: input.scenarioId,
      principal: { appId: input.principal.appId, objectId: input.principal.servicePrincipalId },
      window: { from: from.toISOString(), to: now.toISOString() },
      collectedAt: now.toISOString(),
      entraAudit: ENTRA_AUDIT,
      coverage,
      events: hay,
    };
    const file = hayFileName(input.scenarioId);
    await deps.reports.write(
      input.runId,
      file,
      createScrubber([])(JSON.stringify(record, null, 2)),
      'application/json',
    );
    log?.info(
      `hay: ${hay.length} event(s), ${coverage.observed.length} operation(s); missing ${coverage.missing.length}, unexpected ${coverage.unexpected.length}`,
    );
    return { file, events: hay.length, coverage, entraAudit: ENTRA_AUDIT };
  };
}
