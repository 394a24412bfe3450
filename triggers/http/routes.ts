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
  authLevel: 'function' | 'anonymous';
  handler: ApiHandler;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { name: 'apiHealth', method: 'GET', route: 'v1/health', authLevel: 'anonymous', handler: getHealth },
  { name: 'apiOpenApi', method: 'GET', route: 'v1/openapi.json', authLevel: 'function', handler: getOpenApi },
  { name: 'apiStatus', method: 'GET', route: 'v1/status', authLevel: 'function', handler: getStatus },
  {
    name: 'apiScenarios',
    method: 'GET',
    route: 'v1/scenarios',
    authLevel: 'function',
    handler: listScenarios,
  },
  { name: 'apiListRuns', method: 'GET', route: 'v1/runs', authLevel: 'function', handler: listRuns },
  { name: 'apiStartRun', method: 'POST', route: 'v1/runs', authLevel: 'function', handler: startRun },
  { name: 'apiGetRun', method: 'GET', route: 'v1/runs/{run_id}', authLevel: 'function', handler: getRun },
  {
    name: 'apiRunResources',
    method: 'GET',
    route: 'v1/runs/{run_id}/resources',
    authLevel: 'function',
    handler: listResources,
  },
  {
    name: 'apiRunEvents',
    method: 'GET',
    route: 'v1/runs/{run_id}/events',
    authLevel: 'function',
    handler: listEvents,
  },
  {
    name: 'apiTerminateRun',
    method: 'POST',
    route: 'v1/runs/{run_id}/terminate',
    authLevel: 'function',
    handler: terminateRun,
  },
  {
    name: 'apiRewindRun',
    method: 'POST',
    route: 'v1/runs/{run_id}/rewind',
    authLevel: 'function',
    handler: rewindRun,
  },
  {
    name: 'apiRunReportHtml',
    method: 'GET',
    route: 'v1/runs/{run_id}/report',
    authLevel: 'function',
    handler: getReportHtml,
  },
  {
    name: 'apiRunReportJson',
    method: 'GET',
    route: 'v1/runs/{run_id}/report.json',
    authLevel: 'function',
    handler: getReportJson,
  },
  { name: 'apiRunHay', method: 'GET', route: 'v1/runs/{run_id}/hay', authLevel: 'function', handler: getHay },
  { name: 'apiJanitor', method: 'POST', route: 'v1/janitor', authLevel: 'function', handler: runJanitor },
];
