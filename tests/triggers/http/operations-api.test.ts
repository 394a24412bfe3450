// The monitoring API through the embedded host's real HTTP server, running the production app entry: reports,
// status, scenarios, terminate, rewind, janitor and the OpenAPI document. Every response is validated against it.
import { signalIn } from '../../../core/signals';
import { API_ROUTES } from '../../../triggers/http/routes';
import { itAnswersAsDocumented, ROUTES_EXERCISED, until, useRecordedApi, type Body } from './recorded-api';
import { HAY_EXPORT_FIELDS } from '../../../contract/hay';
import { watchlistCsvProblems } from '../../reports/watchlist-csv';
import { FINISHED_RUN, HAY, SCENARIO } from './seed';

const recorded = useRecordedApi();
const { api, harness, started } = recorded;

describe('reports', () => {
  it('serves report.json as stored', async () => {
    const res = await api('GET', '/v1/runs/{run_id}/report.json', `/v1/runs/${FINISHED_RUN}/report.json`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      runId: FINISHED_RUN,
      status: 'completed',
      summary: { cleanupVerified: true },
    });
  });

  it('serves the HTML page with the repairs and tokens from the audit trail', async () => {
    const res = await api('GET', '/v1/runs/{run_id}/report', `/v1/runs/${FINISHED_RUN}/report`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('retried with a supported SKU');
    expect(res.text).toContain('Cleanup verified: nothing left behind');
    expect(res.text).not.toMatch(/<(script|link)\b|src=["']https?:/i);
  });

  it('answers 404 report_not_ready for a run still in progress and run_not_found for an unknown one', async () => {
    const running = await api('GET', '/v1/runs/{run_id}/report.json', `/v1/runs/${started[1]}/report.json`);
    expect(running.status).toBe(404);
    expect(running.json.error.code).toBe('report_not_ready');
    const unknown = await api('GET', '/v1/runs/{run_id}/report', '/v1/runs/unknown-run/report');
    expect(unknown.json.error.code).toBe('run_not_found');
  });
});

describe('ground truth export', () => {
  it('serves the run hay as JSON with every exported field, and as JSON Lines', async () => {
    const res = await api('GET', '/v1/runs/{run_id}/hay', `/v1/runs/${FINISHED_RUN}/hay`);
    expect(res.status).toBe(200);
    expect(res.json).toHaveLength(HAY.events.length);
    for (const row of res.json as Body[]) expect(Object.keys(row)).toEqual([...HAY_EXPORT_FIELDS]);
    expect(res.json[2]).toMatchObject({ phase: 'operate', burst: 0, scenarioId: SCENARIO });
    const lines = await api('GET', '/v1/runs/{run_id}/hay', `/v1/runs/${FINISHED_RUN}/hay?format=jsonl`);
    expect(lines.headers.get('content-type')).toContain('application/x-ndjson');
    expect(
      lines.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(res.json);
  });

  it('serves CSV in the shape a Sentinel watchlist upload takes (docs/ground-truth.md)', async () => {
    const res = await api('GET', '/v1/runs/{run_id}/hay', `/v1/runs/${FINISHED_RUN}/hay?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(watchlistCsvProblems(res.text)).toEqual([]);
    expect(
      (await api('GET', '/v1/runs/{run_id}/hay', `/v1/runs/${FINISHED_RUN}/hay?format=xml`)).status,
    ).toBe(400);
  });
});

describe('status, scenarios, terminate, rewind, janitor', () => {
  it('GET /v1/status names a running run and the next scheduled run', async () => {
    const res = await api('GET', '/v1/status');
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('running');
    expect(started).toContain(res.json.current_run_id);
    expect(Date.parse(res.json.next_scheduled_run)).toBeGreaterThan(Date.now() - 6 * 3600_000);
  });

  it('GET /v1/scenarios lists the library and filters by area', async () => {
    const all = await api('GET', '/v1/scenarios');
    expect(all.json.total_items).toBe(50);
    const aiml = await api('GET', '/v1/scenarios', '/v1/scenarios?area=ai-ml');
    expect(aiml.json.items.every((s: Body) => s.area === 'ai-ml')).toBe(true);
    expect((await api('GET', '/v1/scenarios', '/v1/scenarios?enabled=maybe')).status).toBe(400);
  });

  it('terminates a running run, records it, and refuses to terminate it twice', async () => {
    const id = started[2]!;
    const res = await api('POST', '/v1/runs/{run_id}/terminate', `/v1/runs/${id}/terminate?reason=test`);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ run_id: id, status: 'terminated' });
    // The signal the terminated-run alert reads.
    expect(
      harness()
        .logs.map(signalIn)
        .filter((s) => s?.signal === 'run_terminated' && s.run_id === id),
    ).toEqual([{ signal: 'run_terminated', run_id: id, scenario_id: null, detail: 'through the API' }]);
    const shown = await until(async () => {
      const r = await api('GET', '/v1/runs/{run_id}', `/v1/runs/${id}`);
      return r.json.runtime_status === 'Terminated' && r.json.phase === 'terminated' ? r : undefined;
    }, 'the run to show as terminated');
    expect(shown.json.ended_at).toBeTruthy();
    // Its scenario sub-orchestration is stopped too (Durable would leave it running).
    const child = await until(async () => {
      const s = await harness().host.client.getStatus(`${id}:${SCENARIO}`);
      return s && s.runtimeStatus !== 'Running' && s.runtimeStatus !== 'Pending' ? s : undefined;
    }, 'the scenario orchestration to stop');
    expect(child.runtimeStatus).toBe('Terminated');
    const again = await api('POST', '/v1/runs/{run_id}/terminate', `/v1/runs/${id}/terminate`);
    expect(again.status).toBe(409);
    expect((await api('POST', '/v1/runs/{run_id}/terminate', '/v1/runs/unknown-run/terminate')).status).toBe(
      404,
    );
  });

  it('refuses to rewind a run that has not failed', async () => {
    const res = await api('POST', '/v1/runs/{run_id}/rewind', `/v1/runs/${started[2]}/rewind`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('only a Failed run');
    expect((await api('POST', '/v1/runs/{run_id}/rewind', '/v1/runs/unknown-run/rewind')).status).toBe(404);
  });

  it('POST /v1/janitor validates dry_run and reports what the sweep found', async () => {
    expect((await api('POST', '/v1/janitor', '/v1/janitor?dry_run=perhaps')).status).toBe(400);
    const res = await api('POST', '/v1/janitor', '/v1/janitor?dry_run=true');
    // The test cloud refuses every call, so the sweep fails: an Azure failure is a 500 with the envelope, never a hang.
    expect([200, 500]).toContain(res.status);
    if (res.status === 500) expect(res.json.error.code).toBe('internal');
    else expect(res.json.dry_run).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const res = await api('GET', '/v1/openapi.json');
    expect(res.json.openapi).toBe('3.1.0');
  });
});

describe('OpenAPI', () => {
  it('describes every registered route and nothing else', async () => {
    const doc = (await harness().call('GET', '/v1/openapi.json')).body as Body;
    const documented = Object.entries(doc.paths as Body)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(API_ROUTES.map((r) => `${r.method} /${r.route}`).sort());
  });
});

itAnswersAsDocumented(recorded, 'operations-api');

describe('the API suites together', () => {
  it('exercise every registered route', () => {
    const exercised = Object.values(ROUTES_EXERCISED).flat().sort();
    expect(exercised).toEqual(API_ROUTES.map((r) => `${r.method} /${r.route}`).sort());
  });
});
