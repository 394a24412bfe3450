// GET /v1/runs, POST /v1/runs, GET /v1/runs/{run_id}.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { RunRequest } from '../../../contract/activities';
import { startRun as startRunOrchestration } from '../../start-run';
import { paginate, parseParams, parseRunId, queryObject } from '../params';
import { listRunsQuery, startRunBody } from '../requests';
import { ApiError, json, TRACE_HEADER, traceIdOf } from '../respond';
import { ACTIVE_STATUSES } from '../../durable-client-port';
import { getRunEntity, listRunInstances, loadRun, runDetail, runView } from '../run-view';
import type { ApiContext } from '../services';

const origin = (req: HttpRequest) => new URL(req.url).origin;

export async function listRuns(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const q = parseParams(listRunsQuery, queryObject(req.query), 'query');
  let instances = await listRunInstances(api.client);
  if (q.status)
    instances = instances.filter((s) => String(s.runtimeStatus).toLowerCase() === q.status!.toLowerCase());
  const page = paginate(instances, q.page, q.page_size);
  const items = await Promise.all(
    page.items.map(async (s) => runView(s.instanceId, s, await getRunEntity(api.client, s.instanceId))),
  );
  return json(inv, 200, { items, pagination: page.pagination });
}

export async function getRun(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const runId = parseRunId(req.params.run_id);
  const { instance, entity } = await loadRun(api.client, runId);
  return json(
    inv,
    200,
    runDetail(runId, instance, entity, `${origin(req)}/api/v1/runs/${encodeURIComponent(runId)}`),
  );
}

/** Run starts are bounded: a small body, few scenarios (requests.ts) and few runs at once. */
export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_ACTIVE_RUNS = 3;

async function readJsonBody(req: HttpRequest): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      'bad_request',
      'invalid body parameter body: the request body is not JSON; send an object such as {"size":"small"}',
    );
  }
}

const tooLarge = () =>
  new ApiError('payload_too_large', `the request body is larger than ${MAX_BODY_BYTES} bytes`);

async function refuseWhenBusy(api: ApiContext): Promise<void> {
  const active = (await listRunInstances(api.client)).filter((s) =>
    ACTIVE_STATUSES.has(String(s.runtimeStatus)),
  );
  if (active.length >= MAX_ACTIVE_RUNS)
    throw new ApiError(
      'too_many_runs',
      `${active.length} runs are active (at most ${MAX_ACTIVE_RUNS}); wait for one to end or terminate one`,
    );
}

export async function startRun(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const body = parseParams(startRunBody, await readJsonBody(req), 'body');
  if (body.scenarios) {
    const known = new Set((await (await api.services()).scenarios.list()).map((s) => s.id));
    const index = body.scenarios.findIndex((id) => !known.has(id));
    if (index >= 0)
      throw new ApiError(
        'bad_request',
        `invalid body parameter scenarios.${index}: unknown scenario "${body.scenarios[index]}"; list them with GET /api/v1/scenarios`,
      );
  }
  await refuseWhenBusy(api);
  const request: RunRequest = {
    trigger: 'api',
    ...(body.scenarios ? { scenarioIds: body.scenarios } : body.size ? { size: body.size } : {}),
    ...(body.seed ? { seed: body.seed } : {}),
    ...(body.operations_window_minutes ? { operationsWindowMinutes: body.operations_window_minutes } : {}),
    ...(body.operation_bursts ? { operationBursts: body.operation_bursts } : {}),
  };
  const runId = await startRunOrchestration(api.client, request, { now: api.now() });
  inv.log(`api started run ${runId} trace_id=${traceIdOf(inv)}`);
  // Links to this API only: the Durable extension's own management links carry its system key (code=), which
  // would let whoever reads this answer purge, rewind or raise events on any instance.
  const self = `${origin(req)}/api/v1/runs/${encodeURIComponent(runId)}`;
  const links = { status_uri: self, terminate_uri: `${self}/terminate`, events_uri: `${self}/events` };
  return {
    status: 202,
    jsonBody: { run_id: runId, id: runId, ...links },
    headers: {
      [TRACE_HEADER]: traceIdOf(inv),
      location: self,
      'retry-after': '10',
      'cache-control': 'no-store',
    },
  };
}
