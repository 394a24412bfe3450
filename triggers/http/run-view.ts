// The API's view of a run: the durable instance (runtime status) joined with the run entity (phase, scenarios,
// ledger). Either may be missing for a while: the entity appears with the first signal, the instance may be purged.
import type { DurableClient, DurableOrchestrationStatus } from 'durable-functions';
import * as df from 'durable-functions';
import type { RunEntityState, RunRecordState } from '../../contract/entities';
import { readRunRecord, readRunState, type EntityStateReader } from '../../entities/read-run';
import { summarizeRun } from '../../entities/run-state';
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { ApiError } from './respond';

export interface RunView {
  run_id: string;
  runtime_status: string;
  phase: string;
  trigger: string | null;
  size: string | null;
  seed: string | null;
  created_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  expires_at: string | null;
  cleanup_verified: boolean | null;
  scenarios: { total: number; succeeded: number; failed: number; running: number; pending: number };
  resources: { created: number; deleted: number; deletion_failed: number; force_deleted: number };
}

export interface RunDetail extends RunView {
  scenario_details: {
    scenario_id: string;
    status: string;
    resources_created: number;
    resources_deleted: number;
    force_deleted: number;
    errors: string[];
  }[];
  errors: string[];
  report: { json: string; html: string } | null;
  // The seed system's names (its API contract), alongside the fields above.
  status: 'pending' | 'running' | 'completed' | 'failed' | 'terminated';
  simulation_size: string | null;
  total_resources: number;
  total_service_principals: number;
  cleanup_verification: { status: 'verified' | 'failed' | 'pending'; resources_remaining: number };
}

/** The seed's fields: run status, and each scenario past `pending` has had its own service principal. */
function seedFields(view: RunView, entity: RunEntityState | undefined) {
  const phase = entity?.phase;
  const status: RunDetail['status'] =
    phase === 'completed' || phase === 'failed' || phase === 'terminated' || phase === 'pending'
      ? phase
      : phase
        ? 'running'
        : 'pending';
  const verified = entity?.cleanupVerified;
  return {
    status,
    simulation_size: view.size,
    total_resources: view.resources.created,
    total_service_principals: Object.values(entity?.scenarios ?? {}).filter((s) => s.status !== 'pending')
      .length,
    cleanup_verification: {
      status:
        verified === true
          ? ('verified' as const)
          : verified === false
            ? ('failed' as const)
            : ('pending' as const),
      resources_remaining: view.resources.deletion_failed,
    },
  };
}

const iso = (d: Date | string | undefined | null): string | null => {
  if (!d) return null;
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
};

async function getInstance(
  client: DurableClient,
  runId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    const status = await client.getStatus(runId, { showHistory: false, showInput: false });
    return status && status.name === RUN_ORCHESTRATION ? status : undefined;
  } catch (error) {
    // The SDK rejects a 404 instead of answering empty.
    if (error instanceof Error && /\b404\b/.test(error.message)) return undefined;
    throw error;
  }
}

/** Entity reads through the SDK's client: one GET per entity. */
export const entityReader =
  (client: DurableClient): EntityStateReader =>
  async <T>(name: string, key: string) => {
    const state = await client.readEntityState<T>(new df.EntityId(name, key));
    return state.entityExists && state.entityState ? state.entityState : undefined;
  };

/** The run entity's record (run-level fields and totals), without the scenarios' ledgers: for lists. */
export const getRunEntity = (client: DurableClient, runId: string): Promise<RunRecordState | undefined> =>
  readRunRecord(entityReader(client), runId);

export function runView(
  runId: string,
  instance: DurableOrchestrationStatus | undefined,
  entity: RunRecordState | undefined,
): RunView {
  const counts = entity ? summarizeRun(entity) : undefined;
  return {
    run_id: runId,
    runtime_status: instance ? String(instance.runtimeStatus) : 'Unknown',
    phase: entity?.phase ?? (instance ? String(instance.runtimeStatus).toLowerCase() : 'unknown'),
    trigger: entity?.trigger ?? null,
    size: entity?.size ?? null,
    seed: entity?.seed ?? null,
    created_at: iso(instance?.createdTime),
    started_at: iso(entity?.startedAt),
    ended_at: iso(entity?.endedAt),
    expires_at: iso(entity?.expiresAt),
    cleanup_verified: entity?.cleanupVerified ?? null,
    scenarios: {
      total: counts?.total ?? 0,
      succeeded: counts?.succeeded ?? 0,
      failed: counts?.failed ?? 0,
      running: counts?.running ?? 0,
      pending: counts?.pending ?? 0,
    },
    resources: {
      created: counts?.resourcesCreated ?? 0,
      deleted: counts?.resourcesDeleted ?? 0,
      deletion_failed: counts?.resourcesDeletionFailed ?? 0,
      force_deleted: counts?.forceDeleted ?? 0,
    },
  };
}

/** The run or a 404 that says how to find run ids. */
export async function loadRun(
  client: DurableClient,
  runId: string,
): Promise<{ instance?: DurableOrchestrationStatus; entity?: RunEntityState }> {
  const [instance, entity] = await Promise.all([
    getInstance(client, runId),
    readRunState(entityReader(client), runId),
  ]);
  if (!instance && !entity)
    throw new ApiError('run_not_found', `no run with id "${runId}"; list runs with GET /api/v1/runs`);
  return { ...(instance ? { instance } : {}), ...(entity ? { entity } : {}) };
}

export function runDetail(
  runId: string,
  instance: DurableOrchestrationStatus | undefined,
  entity: RunEntityState | undefined,
  reportBase: string,
): RunDetail {
  const view = runView(runId, instance, entity);
  return {
    ...view,
    ...seedFields(view, entity),
    scenario_details: Object.entries(entity?.scenarios ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, s]) => ({
        scenario_id: id,
        status: s.status,
        resources_created: s.created.length,
        resources_deleted: s.deleted.length,
        force_deleted: s.forceDeleted,
        errors: s.errors,
      })),
    errors: entity?.errors ?? [],
    report: entity?.report ? { json: `${reportBase}/report.json`, html: `${reportBase}/report` } : null,
  };
}

/** Every run instance, newest first. */
export async function listRunInstances(client: DurableClient): Promise<DurableOrchestrationStatus[]> {
  const all = await client.getStatusBy({});
  return all
    .filter((s) => s.name === RUN_ORCHESTRATION)
    .sort(
      (a, b) =>
        (iso(b.createdTime) ?? '').localeCompare(iso(a.createdTime) ?? '') ||
        b.instanceId.localeCompare(a.instanceId),
    );
}
