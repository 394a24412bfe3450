// GET /v1/runs/{run_id}/resources: the run's resource ledger (run entity, enriched by the audit ledger when it is
// reachable), filtered and paginated.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { LedgerEntry } from '../../../adapters/audit-store';
import type { RunEntityState } from '../../../contract/entities';
import { paginate } from '../params';
import { listResourcesQuery, RESOURCE_STATUSES } from '../requests';
import { json } from '../respond';
import type { ApiContext } from '../services';
import { runWithAudit } from './run-audit';

type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export interface ResourceItem {
  resource_id: string;
  resource_type: string;
  name: string;
  scenario_name: string;
  status: ResourceStatus;
}

/** `Microsoft.Storage/storageAccounts` from an ARM id; resource groups and nested types included. */
export function armResourceType(id: string): string {
  const segments = id.split('/').filter(Boolean);
  const providers = segments.findIndex((s) => s.toLowerCase() === 'providers');
  if (providers < 0)
    return segments.length >= 4 && segments[2]?.toLowerCase() === 'resourcegroups'
      ? 'Microsoft.Resources/resourceGroups'
      : 'unknown';
  const rest = segments.slice(providers + 1);
  const types = [rest[0]!, ...rest.slice(1).filter((_, i) => i % 2 === 0)];
  return types.join('/');
}

const lastSegment = (id: string) => id.split('/').filter(Boolean).pop() ?? id;

export function resourceItems(entity: RunEntityState | undefined, ledger: LedgerEntry[]): ResourceItem[] {
  const byId = new Map<string, ResourceItem>();
  // A later state wins (created < deletion_failed < deleted < force_deleted); the audit ledger also brings the
  // original casing, type and name, which the run entity (lower-cased ids) does not keep.
  const rank = (s: ResourceStatus) => ['created', 'deletion_failed', 'deleted', 'force_deleted'].indexOf(s);
  const put = (id: string, scenario: string, status: ResourceStatus, type?: string, name?: string) => {
    const key = id.toLowerCase();
    const current = byId.get(key);
    const fromLedger = type !== undefined;
    byId.set(key, {
      resource_id: fromLedger || !current ? id : current.resource_id,
      resource_type: type ?? (current && !fromLedger ? current.resource_type : armResourceType(id)),
      name: name ?? current?.name ?? lastSegment(id),
      scenario_name: scenario,
      status: current && rank(current.status) > rank(status) ? current.status : status,
    });
  };
  for (const [scenario, s] of Object.entries(entity?.scenarios ?? {})) {
    for (const id of s.created) put(id, scenario, 'created');
    for (const id of s.deletionFailed) put(id, scenario, 'deletion_failed');
    for (const id of s.deleted) put(id, scenario, 'deleted');
  }
  for (const e of ledger) {
    const status: ResourceStatus = e.forceDeleted
      ? 'force_deleted'
      : e.deleted
        ? 'deleted'
        : e.deletionFailed
          ? 'deletion_failed'
          : 'created';
    put(e.resourceId, e.scenarioId, status, e.resourceType ?? armResourceType(e.resourceId), e.name);
  }
  return [...byId.values()].sort(
    (a, b) => a.scenario_name.localeCompare(b.scenario_name) || a.resource_id.localeCompare(b.resource_id),
  );
}

export async function listResources(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const { runId, q, entity, audit } = await runWithAudit(req, api, listResourcesQuery);
  const ledger = audit ? await audit.listLedger(runId).catch(() => []) : [];
  const items = resourceItems(entity, ledger).filter(
    (r) =>
      (!q.scenario_name || r.scenario_name === q.scenario_name) &&
      (!q.resource_type || r.resource_type.toLowerCase() === q.resource_type.toLowerCase()) &&
      (!q.status || r.status === q.status),
  );
  const page = paginate(items, q.page, q.page_size);
  // `resources` is the seed system's name for the same list: clients written for it keep working.
  return json(inv, 200, {
    run_id: runId,
    items: page.items,
    resources: page.items,
    pagination: page.pagination,
  });
}
