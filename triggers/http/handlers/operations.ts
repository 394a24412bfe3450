// POST /v1/runs/{run_id}/terminate, POST /v1/runs/{run_id}/rewind, POST /v1/janitor.
import { signalLine } from '../../../core/signals';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { scenarioInstanceId } from '../../../core/naming';
import { runEntitySignal, statusEntitySignal } from '../../../contract/entities';
import { ACTIVE_STATUSES, fromDurableClient, signalEntity } from '../../durable-client-port';
import { onJanitorTimer } from '../../janitor-timer';
import { nextOccurrenceAfter } from '../../run-instance-id';
import { parseParams, parseRunId, queryObject } from '../params';
import { janitorQuery, reasonQuery } from '../requests';
import { ApiError, json, traceIdOf } from '../respond';
import { loadRun } from '../run-view';
import type { ApiContext } from '../services';

async function terminateIfActive(api: ApiContext, instanceId: string, reason: string): Promise<boolean> {
  try {
    const status = await api.client.getStatus(instanceId, { showHistory: false, showInput: false });
    if (!status || !ACTIVE_STATUSES.has(String(status.runtimeStatus))) return false;
  } catch (error) {
    if (error instanceof Error && /\b404\b/.test(error.message)) return false;
    throw error;
  }
  await api.client.terminate(instanceId, reason);
  return true;
}

/** The run a POST operation names, its runtime status and the reason the caller gave. */
async function operationTarget(req: HttpRequest, api: ApiContext) {
  const runId = parseRunId(req.params.run_id);
  const { reason } = parseParams(reasonQuery, queryObject(req.query), 'query');
  const { instance, entity } = await loadRun(api.client, runId);
  return { runId, reason, entity, runtime: instance ? String(instance.runtimeStatus) : 'Unknown' };
}

export async function terminateRun(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const { runId, reason: given, entity, runtime } = await operationTarget(req, api);
  if (!ACTIVE_STATUSES.has(runtime))
    throw new ApiError(
      'conflict',
      `run "${runId}" is ${runtime}, not running; nothing to terminate (the janitor removes what any stopped run left)`,
    );
  const reason = given ?? `terminated through the API (trace id ${traceIdOf(inv)})`;
  const endedAt = api.now().toISOString();
  await api.client.terminate(runId, reason);
  // Durable does not terminate sub-orchestrations with their parent: stop each scenario too, or it would keep
  // starting agent jobs after the janitor swept its resources.
  const scenarios = Object.keys(entity?.scenarios ?? {});
  const stopped = await Promise.all(
    scenarios.map((id) => terminateIfActive(api, scenarioInstanceId(runId, id), reason)),
  );
  // The orchestration will not record its own end: the entities learn it here, and the janitor (which treats
  // a run that is no longer running as fair game) removes what the run left behind on its next sweep.
  await signalEntity(api.client, runEntitySignal(runId, { type: 'terminated', endedAt, reason }));
  await signalEntity(
    api.client,
    statusEntitySignal({ type: 'runFinished', runId, endedAt, status: 'terminated' }),
  );
  const settings = await api.settings().catch(() => undefined);
  inv.log(`api terminated run ${runId} trace_id=${traceIdOf(inv)}`);
  inv.warn(signalLine({ signal: 'run_terminated', runId, detail: 'through the API' }));
  inv.log(
    `api terminated ${stopped.filter(Boolean).length} scenario orchestration(s) of run ${runId} trace_id=${traceIdOf(inv)}`,
  );
  return json(inv, 202, {
    run_id: runId,
    status: 'terminated',
    janitor_next_run: settings ? nextOccurrenceAfter(settings.janitorCron, api.now()).toISOString() : null,
  });
}

export async function rewindRun(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const { runId, reason, runtime } = await operationTarget(req, api);
  if (runtime !== 'Failed')
    throw new ApiError('conflict', `run "${runId}" is ${runtime}; only a Failed run can be rewound`);
  await api.client.rewind(runId, reason ?? `rewound through the API (trace id ${traceIdOf(inv)})`);
  return json(inv, 202, { run_id: runId, status: 'rewinding' });
}

export async function runJanitor(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const q = parseParams(janitorQuery, queryObject(req.query), 'query');
  const { activities } = await api.services();
  const result = await onJanitorTimer({
    client: fromDurableClient(api.client),
    sweep: activities.janitorSweep,
    writeReport: activities.writeReport,
    dryRun: q.dry_run !== 'false',
    now: api.now(),
    log: (m) => inv.log(`${m} trace_id=${traceIdOf(inv)}`),
  });
  return json(inv, 200, {
    dry_run: result.dryRun,
    findings: result.findings.map((f) => ({
      kind: f.kind,
      id: f.id,
      run_id: f.runId ?? null,
      reason: f.reason,
    })),
    removed: result.removed,
    failed: result.failed,
  });
}
