import { readFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers } from '../../contract/activities';
import type { RunReportInput } from '../../contract/report';
import { buildRunReport } from '../../reports/build-report';
import { renderRunReportHtml } from '../../reports/render-html';
import { createJanitorSweep, runShortOfAppName, runShortOfSecretName } from '../../activities/janitor-sweep';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

const tags = (runId: string, scenarioId: string, expiresAt = '2099-01-01T00:00:00.000Z') => ({
  'AzureHayMaker-managed': 'true',
  Scenario: scenarioId,
  Owner: 'AzureHayMaker',
  ExecutionId: runId,
  CreatedAt: '2026-01-01T00:00:00.000Z',
  ExpiresAt: expiresAt,
});

const runInput = (scenarioIds: string[]): RunReportInput => ({
  size: 'small',
  seed: 'seed-1',
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T09:00:00.000Z',
  status: 'completed',
  scenarios: scenarioIds.map((scenarioId) => ({
    scenarioId,
    status: 'succeeded',
    phases: [],
    leftoversFound: 0,
    forceDeleted: 0,
    cleanupVerified: true,
    principalVerifiedGone: true,
    errors: [],
  })),
  sweep: { found: 0, deleted: 0, failed: [] },
});

describe('report builder (pure)', () => {
  it('counts scenarios, ledger entries and leaks, and escapes HTML', () => {
    const report = buildRunReport({
      runId: 'run-1',
      run: {
        ...runInput(['a-01-x', 'b-01-<script>']),
        scenarios: [
          { ...runInput(['a-01-x']).scenarios[0] },
          { ...runInput(['b-01-<script>']).scenarios[0], status: 'failed' },
        ],
      },
      events: [],
      ledger: [
        {
          runId: 'run-1',
          scenarioId: 'a-01-x',
          resourceId: '/r/1',
          created: true,
          deleted: true,
          forceDeleted: false,
          deletionFailed: false,
          updatedAt: '',
        },
        {
          runId: 'run-1',
          scenarioId: 'a-01-x',
          resourceId: '/r/2',
          created: true,
          deleted: false,
          forceDeleted: true,
          deletionFailed: false,
          updatedAt: '',
        },
        // Went with its resource group (never reported deleted on its own), and one that is still there.
        {
          runId: 'run-1',
          scenarioId: 'a-01-x',
          resourceId: '/r/3',
          created: true,
          deleted: false,
          forceDeleted: false,
          deletionFailed: false,
          updatedAt: '',
        },
        {
          runId: 'run-1',
          scenarioId: 'a-01-x',
          resourceId: '/R/4',
          created: true,
          deleted: false,
          forceDeleted: false,
          deletionFailed: false,
          updatedAt: '',
        },
      ],
      leftovers: [
        { kind: 'secrets', id: 'scenario-sp-x' },
        { kind: 'resources', id: '/r/4' },
      ],
      generatedAt: '2026-01-01T09:00:01.000Z',
    });
    expect(report.summary).toMatchObject({
      scenarios: { total: 2, succeeded: 1, failed: 1 },
      cleanupVerified: false,
      leaked: { secrets: 1, resources: 1 },
    });
    expect(report.scenarios[0]).toMatchObject({ resourcesCreated: 4, resourcesDeleted: 3, forceDeleted: 1 });
    expect(report.errors).toEqual([]);
    const withErrors = buildRunReport({
      runId: 'run-2',
      run: { ...runInput([]), errors: ['selection failed'] } as RunReportInput,
      events: [],
      ledger: [],
      leftovers: [],
      generatedAt: 'x',
    });
    expect(withErrors.errors).toEqual(['selection failed']);
    expect(renderRunReportHtml(report)).toContain('b-01-&lt;script&gt;');
    expect(runShortOfAppName('AzureHayMaker-compute-01-vm-abcd1234-admin')).toBe('abcd1234');
    expect(runShortOfSecretName('scenario-sp-compute-01-vm-abcd1234-secret')).toBe('abcd1234');
  });

  it('builds the report of a run that stopped from its audit trail: its status, and unfinished scenarios as failed', () => {
    const event = (
      type: string,
      scenarioId?: string,
      phase?: string,
      data: Record<string, unknown> = {},
    ) => ({
      eventId: `${type}-${scenarioId ?? 'run'}-${phase ?? ''}`,
      runId: 'run-3',
      ...(scenarioId ? { scenarioId } : {}),
      ...(phase ? { phase } : {}),
      type,
      source: 'agent' as const,
      timestamp: '2026-11-23T06:00:00.000Z',
      data,
    });
    const report = buildRunReport({
      runId: 'run-3',
      stoppedAs: 'terminated',
      events: [
        event('execution_started', undefined, undefined, { seed: 's3' }),
        event('scenario_selected', undefined, undefined, { scenarioIds: ['a-01-done', 'b-01-cut'] }),
        event('phase_completed', 'a-01-done', 'cleanup'),
        event('phase_completed', 'b-01-cut', 'deploy'),
      ],
      ledger: [],
      leftovers: [],
      generatedAt: '2026-11-23T07:00:00.000Z',
    });
    expect(report.status).toBe('terminated');
    expect(report.scenarios.map((s) => [s.scenarioId, s.status])).toEqual([
      ['a-01-done', 'succeeded'],
      ['b-01-cut', 'failed'],
    ]);
    expect(report.scenarios[1]!.errors.join(' ')).toContain('was terminated before this scenario finished');
    expect(report.errors.join(' ')).toContain('the janitor removed what it left');
    expect(report.summary.cleanupVerified).toBe(true);
  });
});

describe('writeReport and janitorSweep against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let deps: Awaited<ReturnType<typeof sandboxDependencies>>;
  const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
  const put = (id: string, t: Record<string, string>) =>
    sandbox.admin.putDecoyResource({ id, location: 'eastus', tags: t });

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices() });
    deps = await sandboxDependencies(sandbox);
    handlers = createActivityHandlers(deps);
    await handlers.recordAuditEvent({
      runId: 'run0rep0-0001',
      type: 'execution_started',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { size: 'small', seed: 's' },
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(deps.reportsDir, { recursive: true, force: true });
  });

  it('reports cleanup verified when nothing of the run is left, and writes JSON and HTML', async () => {
    const out = await handlers.writeReport({ runId: 'run0rep0-0001', run: runInput(['compute-01-vm']) });
    expect(out.cleanupVerified).toBe(true);
    const report = JSON.parse(readFileSync(out.reportJsonPath, 'utf8'));
    expect(report).toMatchObject({
      runId: 'run0rep0-0001',
      status: 'completed',
      summary: {
        cleanupVerified: true,
        leaked: { resources: 0, principals: 0, appRegistrations: 0, roleAssignments: 0, secrets: 0 },
        events: 1,
      },
    });
    expect(readFileSync(out.reportHtmlPath, 'utf8')).toContain('Cleanup verified');
  });

  it('reports every leftover kind when the tenant still holds them, without secret values', async () => {
    const runId = 'run0leak-0001';
    const scenario = {
      runId,
      scenarioId: 'compute-01-vm',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T12:00:00.000Z',
    };
    const principal = await handlers.provisionPrincipal(scenario);
    await handlers.createResourceGroups({ ...scenario, resourceGroups: ['rg-leak'], location: 'eastus' });
    await handlers.assignRoles({
      ...scenario,
      servicePrincipalId: principal.servicePrincipalId,
      grants: { resourceGroups: ['rg-leak'], roles: ['Contributor'] },
    });
    put(`${rg('rg-leak')}/providers/Microsoft.Storage/storageAccounts/leak1`, tags(runId, 'compute-01-vm'));
    const out = await handlers.writeReport({ runId, run: runInput(['compute-01-vm']) });
    expect(out.cleanupVerified).toBe(false);
    const text = readFileSync(out.reportJsonPath, 'utf8');
    expect(JSON.parse(text).summary.leaked).toEqual({
      // The scenario's own group (HayMaker created it) and the storage account left in it.
      resources: 2,
      principals: 1,
      appRegistrations: 1,
      roleAssignments: 1,
      secrets: 1,
    });
    const secret = await deps.secrets.get(principal.secretName);
    expect(text).not.toContain(secret!.value);
  });

  it('janitor: dry-run lists, then removes objects of runs not running or expired, keeping running runs and decoys', async () => {
    const now = '2026-06-01T00:00:00.000Z';
    // A terminated run (not running), a running run, an expired object of the running run, and untagged decoys.
    const dead = {
      runId: 'run0dead-0001',
      scenarioId: 'web-01-app',
      createdAt: '2026-05-31T20:00:00.000Z',
      expiresAt: '2026-06-01T08:00:00.000Z',
    };
    const live = {
      runId: 'run0live-0001',
      scenarioId: 'web-01-app',
      createdAt: '2026-05-31T20:00:00.000Z',
      expiresAt: '2026-06-01T08:00:00.000Z',
    };
    const deadPrincipal = await handlers.provisionPrincipal(dead);
    const livePrincipal = await handlers.provisionPrincipal(live);
    // Each run's own group (created by the orchestrator), and a foreign group whose resources only carry tags.
    await handlers.createResourceGroups({ ...dead, resourceGroups: ['rg-jan-dead'], location: 'eastus' });
    await handlers.createResourceGroups({ ...live, resourceGroups: ['rg-jan-live'], location: 'eastus' });
    put(`${rg('rg-jan-dead')}/providers/Microsoft.Web/sites/dead1`, tags(dead.runId, 'web-01-app'));
    put(`${rg('rg-jan-live')}/providers/Microsoft.Web/sites/live1`, tags(live.runId, 'web-01-app'));
    put(
      `${rg('rg-jan-live')}/providers/Microsoft.Web/sites/liveexpired`,
      tags(live.runId, 'web-01-app', '2026-05-31T23:00:00.000Z'),
    );
    put(`${rg('rg-jan')}/providers/Microsoft.Web/sites/decoy`, {});
    // Someone tags a resource of theirs with the dead run's tags: the janitor must leave it alone.
    put(`${rg('rg-jan')}/providers/Microsoft.Web/sites/taggedfake`, tags(dead.runId, 'web-01-app'));
    await deps.graph.createOrGetApplication('Someone-Elses-App');

    const dry = await handlers.janitorSweep({
      now,
      runningRunIds: [live.runId, 'run0leak-0001', 'run0rep0-0001'],
      dryRun: true,
    });
    expect(dry.removed).toEqual([]);
    const found = dry.findings.map((f) => `${f.kind}:${f.reason}:${f.id.split('/').pop()}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'resource:runNotRunning:dead1',
        'resource:expired:liveexpired',
        `appRegistration:runNotRunning:${deadPrincipal.appObjectId}`,
        `secret:runNotRunning:${deadPrincipal.secretName}`,
      ]),
    );
    expect(found.join(' ')).not.toMatch(/live1|decoy|taggedfake/);
    expect(await deps.graph.getApplication(deadPrincipal.appObjectId)).toBeDefined();

    const real = await handlers.janitorSweep({
      now,
      runningRunIds: [live.runId, 'run0leak-0001', 'run0rep0-0001'],
      dryRun: false,
    });
    expect(real.failed).toEqual([]);
    const found_ = async (id: string) => (await deps.arm.getById(id)).found;
    expect(await found_(rg('rg-jan-dead'))).toBe(false);
    expect(await found_(`${rg('rg-jan-live')}/providers/Microsoft.Web/sites/liveexpired`)).toBe(false);
    expect(await found_(`${rg('rg-jan-live')}/providers/Microsoft.Web/sites/live1`)).toBe(true);
    expect(await found_(`${rg('rg-jan')}/providers/Microsoft.Web/sites/decoy`)).toBe(true);
    expect(await found_(`${rg('rg-jan')}/providers/Microsoft.Web/sites/taggedfake`)).toBe(true);
    expect(await deps.graph.getApplication(deadPrincipal.appObjectId)).toBeUndefined();
    expect(await deps.secrets.getInfo(deadPrincipal.secretName)).toBeUndefined();
    expect(await deps.graph.getApplication(livePrincipal.appObjectId)).toBeDefined();
    expect(await deps.graph.findApplicationByDisplayName('Someone-Elses-App')).toBeDefined();
  });

  it('janitor: purges soft-deleted app registrations of runs no longer running (they count against the quota)', async () => {
    const gone = {
      runId: 'run0gone-0001',
      scenarioId: 'web-02-slot',
      createdAt: '2026-05-31T20:00:00.000Z',
      expiresAt: '2026-06-01T08:00:00.000Z',
    };
    const principal = await handlers.provisionPrincipal(gone);
    // Deleted but never purged (e.g. Entra did not list it in time for deletePrincipal).
    await deps.graph.deleteApplication(principal.appObjectId);
    expect(await deps.graph.getDeletedItem(principal.appObjectId)).toBeDefined();
    const running = await handlers.janitorSweep({
      now: '2026-06-01T00:00:00.000Z',
      runningRunIds: [gone.runId],
      dryRun: false,
    });
    expect(running.removed).not.toContain(principal.appObjectId);
    const swept = await handlers.janitorSweep({
      now: '2026-06-01T00:00:00.000Z',
      runningRunIds: [],
      dryRun: false,
    });
    expect(swept.findings).toContainEqual(
      expect.objectContaining({ kind: 'deletedAppRegistration', id: principal.appObjectId }),
    );
    expect(await deps.graph.getDeletedItem(principal.appObjectId)).toBeUndefined();
  });

  it('janitor: starts nothing new once its time budget is spent and leaves the rest to the next sweep', async () => {
    const runs = ['run0bud1-0001', 'run0bud2-0001', 'run0bud3-0001'].map((runId) => ({
      runId,
      scenarioId: 'web-03-budget',
      createdAt: '2026-05-31T20:00:00.000Z',
      expiresAt: '2026-06-01T08:00:00.000Z',
    }));
    for (const r of runs) {
      await handlers.createResourceGroups({ ...r, resourceGroups: [`rg-${r.runId}`], location: 'eastus' });
      put(`${rg(`rg-${r.runId}`)}/providers/Microsoft.Web/sites/site`, tags(r.runId, r.scenarioId));
    }
    // Every read of the clock is two minutes later: the budget (3 minutes) is spent after the first item.
    let t = Date.parse('2026-06-01T00:00:00.000Z');
    const sweep = createJanitorSweep({ ...deps, now: () => new Date((t += 2 * 60_000)) });
    const result = await sweep({ now: '2026-06-01T00:00:00.000Z', runningRunIds: [], dryRun: false });
    expect(result.deferred!.length).toBeGreaterThan(0);
    const left = await Promise.all(
      runs.map(async (r) => (await deps.arm.getById(rg(`rg-${r.runId}`))).found),
    );
    expect(left.filter(Boolean).length).toBeGreaterThan(0);
    // The next sweep, with time to spare, finishes the job.
    const next = await handlers.janitorSweep({
      now: '2026-06-01T00:00:00.000Z',
      runningRunIds: [],
      dryRun: false,
    });
    expect(next.deferred).toEqual([]);
    for (const r of runs) expect((await deps.arm.getById(rg(`rg-${r.runId}`))).found).toBe(false);
  });

  it('janitor: one run it cannot sweep (its audit trail unreachable) is counted as failed, and the others are swept', async () => {
    const runs = ['run0scan-0001', 'run0dele-0001', 'run0okay-0001'].map((runId) => ({
      runId,
      scenarioId: 'web-04-isolated',
      createdAt: '2026-05-31T20:00:00.000Z',
      expiresAt: '2026-06-01T08:00:00.000Z',
    }));
    const site = (runId: string) => `${rg(`rg-${runId}`)}/providers/Microsoft.Web/sites/site`;
    for (const r of runs) {
      await handlers.createResourceGroups({ ...r, resourceGroups: [`rg-${r.runId}`], location: 'eastus' });
      put(site(r.runId), tags(r.runId, r.scenarioId));
    }
    // run0scan's trail cannot be read at all (the scan fails on it); run0dele's only from the second read on (the
    // scan reads it, force delete cannot).
    const reads = new Map<string, number>();
    const audit = {
      ...deps.audit,
      listEvents: async (runId: string) => {
        const n = (reads.get(runId) ?? 0) + 1;
        reads.set(runId, n);
        if (runId === 'run0scan-0001' || (runId === 'run0dele-0001' && n > 1))
          throw new Error(`table storage answered 503 for ${runId}`);
        return deps.audit.listEvents(runId);
      },
    };
    const sweep = createJanitorSweep({ ...deps, audit });
    const result = await sweep({ now: '2026-06-01T00:00:00.000Z', runningRunIds: [], dryRun: false });
    const failedIds = result.failed.map((f) => f.id);
    expect(failedIds).toEqual(expect.arrayContaining([site('run0scan-0001'), site('run0dele-0001')]));
    expect(result.failed.find((f) => f.id === site('run0dele-0001'))?.error).toMatch(
      /force-deleting what run run0dele-0001 left failed: table storage answered 503/,
    );
    expect((await deps.arm.getById(rg('rg-run0okay-0001'))).found).toBe(false);
    expect(result.removed).toContain(rg('rg-run0okay-0001'));
  });
});
