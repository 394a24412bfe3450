// GET /v1/runs, POST /v1/runs, GET /v1/runs/{run_id}.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { RunRequest } from '../../../contract/activities';
import { startRun as startRunOrchestration } from '../../start-run';
import { paginate, parseParams, parseRunId, queryObject } from '../params';
import { listRunsQuery, startRunBody } from '../requests';
import { ApiError, json, TRACE_HEADER, traceIdOf } from '../respond';
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

async function readJsonBody(req: HttpRequest): Promise<unknown> {
  const text = await req.text();
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
  const request: RunRequest = {
    trigger: 'api',
    ...(body.scenarios ? { scenarioIds: body.scenarios } : body.size ? { size: body.size } : {}),
    ...(body.seed ? { seed: body.seed } : {}),
    ...(body.operations_window_minutes ? { operationsWindowMinutes: body.operations_window_minutes } : {}),
    ...(body.operation_bursts ? { operationBursts: body.operation_bursts } : {}),
  };
  const runId = await startRunOrchestration(api.client, request, { now: api.now() });
  inv.log(`api started run ${runId} trace_id=${traceIdOf(inv)}`);
  const check = api.client.createCheckStatusResponse(req, runId);
  const links = (await check.json()) as Record<string, string>;
  return {
    status: 202,
    jsonBody: { run_id: runId, ...links },
    headers: {
      [TRACE_HEADER]: traceIdOf(inv),
      location: check.headers.get('location') ?? links.statusQueryGetUri ?? '',
      'retry-after': check.headers.get('retry-after') ?? '10',
    },
  };
}
