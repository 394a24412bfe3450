// A whole run through `haymaker start`: sandbox cloud + embedded host + the unchanged app + real agent processes,
// 5 scenarios on a scaled clock. Decoys are seeded beforehand: untagged, another ExecutionId, another subscription, and
// one carrying this run's tags in a group the run does not own. Afterwards the tenant holds nothing of the run, every
// decoy is untouched (a tag alone never makes a resource HayMaker's), and no secret value is anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HayRecord } from '../../contract/hay';
import { armOperationName } from '../../sandbox/activitylog/operation-name';
import { e2eSuite, NOTHING_LEAKED } from './helpers/e2e-run';
import { forgottenAndDecoys, type SandboxRecord } from './helpers/fixtures';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';
import { findSecrets } from './helpers/secret-search';

const SCENARIOS = [
  'compute-03-app-service-python',
  'networking-02-nsg-rule-hygiene',
  'security-02-storage-account-hardening',
  'databases-01-cosmos-serverless-orders',
  'web-apps-01-free-tier-landing-page',
];
const FORGETFUL = 'networking-02-nsg-rule-hygiene';
const REGIONS = ['eastus', 'westeurope', 'swedencentral'];

describe('a whole run of 5 scenarios on the embedded default', () => {
  const { run, finished } = e2eSuite(
    {
      name: 'whole',
      scenarios: SCENARIOS,
      setup: (runId) => ({ resources: forgottenAndDecoys(runId, FORGETFUL).all }),
      record: true,
      // The hourly janitor rightly removes tagged resources of runs that are not running (the other-run decoy); this
      // test is about the scenario's own verify step, so the janitor stays off here (terminate-janitor.test.ts has it).
      // Three allowed regions: each scenario's groups and resources go to its seeded pick.
      settings: ['JANITOR_CRON=0 0 0 1 1 *', `HAYMAKER_REGIONS=${REGIONS.join(',')}`],
    },
    { timeoutMs: 210_000 },
  );
  const { runId, dataDir, witness } = run;
  const seeded = forgottenAndDecoys(runId, FORGETFUL);
  const state = () => finished().state;
  const record = () => finished().record!;
  const result = () => finished().result;
  const report = () => finished().report;

  it('exits 0 with the run completed and its cleanup verified', () => {
    expect(result().code).toBe(0);
    expect(result().final).toMatchObject({ runId, status: 'completed', cleanupVerified: true });
  });

  it('gives every scenario one of the allowed regions and reports the spread', () => {
    for (const s of report().scenarios) expect(REGIONS).toContain(s.region);
    const spread = report().summary.regions ?? {};
    expect(Object.keys(spread).every((r) => REGIONS.includes(r))).toBe(true);
    expect(Object.values(spread).reduce((n, c) => n + c, 0)).toBe(5);
  });

  it('writes report.json into the data dir with the report contract and nothing leaked', () => {
    expect(result().final!.report.jsonPath).toBe(join(dataDir, 'reports', runId, 'report.json'));
    expect(report()).toMatchObject({
      runId,
      status: 'completed',
      summary: { cleanupVerified: true, scenarios: { total: 5 } },
    });
    expect(report().summary.leaked).toEqual(NOTHING_LEAKED);
    // Every scenario succeeds with only its declared grants, under Azure's authorization and lags.
    expect(report().summary.scenarios).toEqual({ total: 5, succeeded: 5, failed: 0 });
    expect(typeof report().seed).toBe('string');
    expect(Date.parse(report().endedAt)).toBeGreaterThanOrEqual(Date.parse(report().startedAt));
    expect(
      report()
        .scenarios.map((s) => s.scenarioId)
        .sort(),
    ).toEqual([...SCENARIOS].sort());
    for (const s of report().scenarios) {
      expect(s).toEqual(
        expect.objectContaining({
          status: expect.any(String),
          phases: expect.any(Array),
          errors: expect.any(Array),
        }),
      );
      expect(typeof s.resourcesCreated).toBe('number');
      expect(typeof s.resourcesDeleted).toBe('number');
      expect(typeof s.forceDeleted).toBe('number');
    }
  });

  it('leaves no principal, app registration, role assignment, secret (deleted and purged) or tagged resource', () => {
    // The witness proves the run did create them, so "none left" is not vacuous.
    expect(witness.principalIds.size).toBe(5);
    expect(witness.secretValues.size).toBeGreaterThanOrEqual(5);
    expect(witness.roleAssignmentIds.size).toBeGreaterThanOrEqual(5);
    expect(leftoversOf(state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it("never touches the decoys, not even one in a foreign group that carries the run's tags", () => {
    const ids = new Set(
      [...Object.values(state().arm.resources), ...Object.values(state().arm.groups)].map((r) =>
        r.id.toLowerCase(),
      ),
    );
    expect(
      ids.has(seeded.forgotten.id.replace('{subscriptionId}', state().tenant.subscriptionId).toLowerCase()),
    ).toBe(true);
    const missingDecoys = seeded.decoys
      .map((d) => d.id.replace('{subscriptionId}', state().tenant.subscriptionId))
      .filter((id) => !ids.has(id.toLowerCase()));
    expect(missingDecoys).toEqual([]);
    expect(report().scenarios.reduce((n, s) => n + s.forceDeleted, 0)).toBe(0);
  });

  it("agrees with the sandbox's request log: one principal and one secret per scenario, each deleted", () => {
    const ok = (r: SandboxRecord['requests'][number]) => r.status >= 200 && r.status < 300;
    const count = (service: string, operation: RegExp, pathPart = '') =>
      record().requests.filter(
        (r) => r.service === service && operation.test(r.operation) && r.path.includes(pathPart) && ok(r),
      ).length;
    const short = runId.replace(/-/g, '').slice(0, 8);
    expect(count('graph', /^(Create|Post|Upsert)Application/i)).toBe(report().summary.scenarios.total);
    expect(count('graph', /AddPassword/i)).toBe(report().summary.scenarios.total);
    expect(count('graph', /^DeleteApplication$/i)).toBe(report().summary.scenarios.total);
    expect(count('key-vault', /SetSecret/i, `-${short}-secret`)).toBe(report().summary.scenarios.total);
    // Each secret's purge is attempted; the vault's purge protection (as Bicep deploys it) refuses it with 403.
    const purges = record().requests.filter(
      (r) =>
        r.service === 'key-vault' &&
        /PurgeDeletedSecret/i.test(r.operation) &&
        r.path.includes(`-${short}-secret`),
    );
    expect(purges.map((r) => r.status)).toEqual(Array(report().summary.scenarios.total).fill(403));
    // Every force-delete the report counts is an ARM delete the sandbox answered.
    const forceDeleted = report().scenarios.reduce((n, s) => n + s.forceDeleted, 0);
    expect(count('arm', /delete/i)).toBeGreaterThanOrEqual(forceDeleted);
  });

  it('collects hay that equals the ARM writes, deletes and actions of the scenario principals, and nothing else', () => {
    const principals = witness.principalIds;
    const hay = report().scenarios.flatMap((s) => {
      expect(s.coverage?.collected).toBe(true);
      const file = join(dataDir, 'reports', runId, s.coverage!.hayFile!);
      return (JSON.parse(readFileSync(file, 'utf8')) as HayRecord).events;
    });
    // Every event is its scenario's own principal's: one principal per scenario, none shared.
    const callerOf = new Map<string, Set<string>>();
    for (const e of hay)
      callerOf.set(e.scenarioId, (callerOf.get(e.scenarioId) ?? new Set()).add(e.callerObjectId!));
    for (const callers of callerOf.values()) expect(callers.size).toBe(1);
    expect(new Set([...callerOf.values()].flatMap((c) => [...c])).size).toBe(callerOf.size);
    expect(hay.every((e) => principals.has(e.callerObjectId!))).toBe(true);
    // The sandbox's own request log, by caller: every control-plane write, delete or action a scenario principal sent.
    const sent = record()
      .requests.filter((r) => r.service === 'arm' || r.service === 'container-apps')
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.status !== 0 && r.status !== 401)
      .filter((r) => r.caller?.objectId !== undefined && principals.has(r.caller.objectId))
      .map(
        (r) => `${armOperationName(r.method, r.path) ?? `unnamed ${r.method} ${r.path}`} ${r.correlationId}`,
      )
      .sort();
    const collected = hay
      .filter((e) => e.status !== 'Started')
      .map((e) => `${e.operationName} ${e.correlationId}`)
      .sort();
    expect(sent.length).toBeGreaterThan(0);
    expect(collected).toEqual(sent);
    // Each one was Started first.
    expect(hay.filter((e) => e.status === 'Started')).toHaveLength(collected.length);
  });

  it('reports full coverage: each scenario produced exactly the operations it declares, none missing or unexpected', () => {
    for (const s of report().scenarios) {
      const c = s.coverage!;
      expect({
        scenario: s.scenarioId,
        declares: c.expected.length > 0,
        missing: c.missing,
        unexpected: c.unexpected,
      }).toEqual({ scenario: s.scenarioId, declares: true, missing: [], unexpected: [] });
    }
  });

  it('shows no issued secret value in the task hub, reports, logs or output', () => {
    const agentOutput = Object.values(state().containerApps.executions)
      .map((e) => `${e.stdout ?? ''}\n${e.stderr ?? ''}`)
      .join('\n');
    const { hits, filesSearched } = findSecrets(dataDir, witness.secretValues, {
      stdout: result().stdout,
      stderr: result().stderr,
      agentOutput,
    });
    expect(filesSearched).toBeGreaterThan(3);
    expect(hits).toEqual([]);
  });
});
