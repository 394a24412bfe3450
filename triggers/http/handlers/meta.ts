// GET /v1/scenarios and GET /v1/openapi.json.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { openApiDocument } from '../openapi/document';
import { parseParams, queryObject } from '../params';
import { listScenariosQuery } from '../requests';
import { json } from '../respond';
import type { ApiContext } from '../services';

export async function listScenarios(
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  const q = parseParams(listScenariosQuery, queryObject(req.query), 'query');
  const items = (await (await api.services()).scenarios.list())
    .filter((s) => (!q.area || s.area === q.area) && (!q.enabled || String(s.enabled) === q.enabled))
    .map(({ id, area, title, enabled, operations }) => ({ id, area, title, enabled, operations }));
  return json(inv, 200, { items, total_items: items.length });
}

export async function getOpenApi(
  _req: HttpRequest,
  _api: ApiContext,
  inv: InvocationContext,
): Promise<HttpResponseInit> {
  return json(inv, 200, openApiDocument());
}
