// The API's route table: one line per route, so the whole surface reads at a glance (the OpenAPI document in
// openapi/document.ts describes the same list; tests check that they agree).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { getOpenApi, listScenarios } from './handlers/meta';
import { rewindRun, runJanitor, terminateRun } from './handlers/operations';
import { getHay } from './handlers/hay';
import { getReportHtml, getReportJson } from './handlers/report';
import { listEvents } from './handlers/events';
import { listResources } from './handlers/resources';
import { getRun, listRuns, startRun } from './handlers/runs';
import { getHealth, getStatus } from './handlers/status';
import type { RouteRight } from './authorize';
import type { ApiContext } from './services';

export type ApiHandler = (
  req: HttpRequest,
  api: ApiContext,
  inv: InvocationContext,
) => Promise<HttpResponseInit>;

export interface ApiRoute {
  name: string;
  method: 'GET' | 'POST';
  /** Under the Functions route prefix `api`. */
  route: string;
  /** The right the app checks (authorize.ts); the Functions host lets every request through to that check. */
  right: RouteRight;
  handler: ApiHandler;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { name: 'apiHealth', method: 'GET', route: 'v1/health', right: 'public', handler: getHealth },
  { name: 'apiOpenApi', method: 'GET', route: 'v1/openapi.json', right: 'read', handler: getOpenApi },
  { name: 'apiStatus', method: 'GET', route: 'v1/status', right: 'read', handler: getStatus },
  {
    name: 'apiScenarios',
    method: 'GET',
    route: 'v1/scenarios',
    right: 'read',
    handler: listScenarios,
  },
  { name: 'apiListRuns', method: 'GET', route: 'v1/runs', right: 'read', handler: listRuns },
  { name: 'apiStartRun', method: 'POST', route: 'v1/runs', right: 'operate', handler: startRun },
  { name: 'apiGetRun', method: 'GET', route: 'v1/runs/{run_id}', right: 'read', handler: getRun },
  {
    name: 'apiRunResources',
    method: 'GET',
    route: 'v1/runs/{run_id}/resources',
    right: 'read',
    handler: listResources,
  },
  {
    name: 'apiRunEvents',
    method: 'GET',
    route: 'v1/runs/{run_id}/events',
    right: 'read',
    handler: listEvents,
  },
  {
    name: 'apiTerminateRun',
    method: 'POST',
    route: 'v1/runs/{run_id}/terminate',
    right: 'operate',
    handler: terminateRun,
  },
  {
    name: 'apiRewindRun',
    method: 'POST',
    route: 'v1/runs/{run_id}/rewind',
    right: 'operate',
    handler: rewindRun,
  },
  {
    name: 'apiRunReportHtml',
    method: 'GET',
    route: 'v1/runs/{run_id}/report',
    right: 'read',
    handler: getReportHtml,
  },
  {
    name: 'apiRunReportJson',
    method: 'GET',
    route: 'v1/runs/{run_id}/report.json',
    right: 'read',
    handler: getReportJson,
  },
  { name: 'apiRunHay', method: 'GET', route: 'v1/runs/{run_id}/hay', right: 'read', handler: getHay },
  { name: 'apiJanitor', method: 'POST', route: 'v1/janitor', right: 'operate', handler: runJanitor },
];
