// GET /v1/status and GET /v1/health.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { STATUS_ENTITY_KEY, STATUS_ENTITY_NAME, type StatusEntityState } from '../../../contract/entities';
import { TERMINAL_RUN_PHASES } from '../../../contract/entities';
import { ACTIVE_STATUSES } from '../../durable-client-port';
import { nextOccurrenceAfter } from '../../run-instance-id';
import { json, traceIdOf } from '../respond';
import { getRunEntity, listRunInstances, runView } from '../run-view';
import type { ApiContext } from '../services';
import { errorText } from '../../../core/error-text';

export async function getStatus(
  _req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const entity = await api.client.readEntityState<StatusEntityState>(
    new df.EntityId(STATUS_ENTITY_NAME, STATUS_ENTITY_KEY),
  );
  const state: StatusEntityState = (entity.entityExists && entity.entityState) || {};
  // The status entity names the newest run; when it has none (or a run was started outside it), the newest active instance.
  let currentId = state.currentRun?.runId;
  if (!currentId)
    currentId = (await listRunInstances(api.client)).find((s) =>
      ACTIVE_STATUSES.has(String(s.runtimeStatus)),
    )?.instanceId;
  const run = currentId ? await getRunEntity(api.client, currentId) : undefined;
  const view = currentId ? runView(currentId, undefined, run) : undefined;
  const running = !!view && !(run && TERMINAL_RUN_PHASES.has(run.phase));
  let next = state.nextScheduledRun ?? null;
  if (!next) {
    const settings = await api.settings().catch(() => undefined);
    if (settings) next = nextOccurrenceAfter(settings.scheduleCron, api.now()).toISOString();
  }
  return json(inv, 200, {
    status: running ? 'running' : 'idle',
    health: state.lastRun?.status === 'failed' ? 'degraded' : 'healthy',
    current_run_id: running ? currentId : null,
    started_at: running ? (view?.started_at ?? state.currentRun?.startedAt ?? null) : null,
    phase: running ? (view?.phase ?? 'pending') : null,
    scenarios_count: running ? view!.scenarios.total : 0,
    scenarios_completed: running ? view!.scenarios.succeeded + view!.scenarios.failed : 0,
    scenarios_running: running ? view!.scenarios.running : 0,
    scenarios_failed: running ? view!.scenarios.failed : 0,
    next_scheduled_run: next,
    last_run: state.lastRun
      ? {
          run_id: state.lastRun.runId,
          status: state.lastRun.status,
          started_at: state.lastRun.startedAt ?? null,
          ended_at: state.lastRun.endedAt,
        }
      : null,
  });
}

/** Liveness plus the two things every route needs: valid configuration and a reachable task hub. */
export async function getHealth(
  _req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const checks: Record<string, string> = {};
  // Health is public: the answer says which check failed and where to look, never the error text (it can name
  // hosts, settings or secrets); the text goes to the log under the trace id.
  const failed = (check: string) => (e: unknown) => {
    inv.error(`health check ${check} failed trace_id=${traceIdOf(inv)}: ${errorText(e)}`);
    checks[check] = `failed; search the Functions log for trace id ${traceIdOf(inv)}`;
  };
  await api.settings().then(() => (checks.configuration = 'ok'), failed('configuration'));
  await api.client
    .readEntityState(new df.EntityId(STATUS_ENTITY_NAME, STATUS_ENTITY_KEY))
    .then(() => (checks.task_hub = 'ok'), failed('task_hub'));
  const ok = Object.values(checks).every((c) => c === 'ok');
  return json(inv, ok ? 200 : 503, { status: ok ? 'ok' : 'unhealthy', checks });
}
