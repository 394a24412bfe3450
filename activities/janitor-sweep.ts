// The hourly janitor: removes HayMaker objects whose run is no longer running or whose ExpiresAt has passed —
// what a terminated or crashed run left. Only objects carrying HayMaker's tags or names are ever considered.
import { APP_REGISTRATION_PREFIX, SECRET_NAME_PREFIX, runShort } from '../core/naming';
import { TAG_EXECUTION_ID, TAG_EXPIRES_AT } from '../core/tags';
import { buildManagedQuery } from '../adapters/resource-graph-query';
import type { ActivityHandler, JanitorFinding, JanitorResult, TaggedResource } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { deletePrincipalObjects } from './delete-principal';
import { createForceDeleteResources } from './force-delete-resources';
import { parseResourceId } from '../adapters/resource-id';
import { isRunOwned } from './force-delete/ownership';
import { runResourceGroupIds } from './run-resource-groups';

type Deps = Pick<
  Dependencies,
  | 'settings'
  | 'arm'
  | 'resourceGraph'
  | 'audit'
  | 'graph'
  | 'secrets'
  | 'roleAssignments'
  | 'now'
  | 'sleep'
  | 'armConcurrency'
>;

/** Time after which a sweep starts no new item (see JanitorResult.deferred). */
export const JANITOR_BUDGET_MS = 3 * 60_000;

/** `AzureHayMaker-<scenarioId>-<runShort>-admin` → runShort. */
export function runShortOfAppName(displayName: string): string | undefined {
  return /^AzureHayMaker-.+-([a-z0-9]{8})-admin$/.exec(displayName)?.[1];
}

/** `scenario-sp-<scenarioId>-<runShort>-secret` → runShort. */
export function runShortOfSecretName(name: string): string | undefined {
  return /^scenario-sp-.+-([a-z0-9]{8})-secret$/.exec(name)?.[1];
}

export function createJanitorSweep(deps: Deps): ActivityHandler<'janitorSweep'> {
  return async ({ now, runningRunIds, dryRun }) => {
    const nowMs = Date.parse(now);
    const running = new Set(runningRunIds);
    const runningShorts = new Set(
      runningRunIds.flatMap((id) => {
        try {
          return [runShort(id)];
        } catch {
          return [];
        }
      }),
    );
    const verdict = (
      runId: string | undefined,
      short: string | undefined,
      expiresAt: string | undefined,
    ): JanitorFinding['reason'] | undefined => {
      if (expiresAt && Date.parse(expiresAt) < nowMs) return 'expired';
      if (runId !== undefined) return running.has(runId) ? undefined : 'runNotRunning';
      if (short !== undefined) return runningShorts.has(short) ? undefined : 'runNotRunning';
      return undefined;
    };
    const findings: JanitorFinding[] = [];
    const result: JanitorResult = { dryRun, findings, removed: [], failed: [] };

    // Resources and resource groups: the tags say which run to look at, the run's own groups whether it is its
    // (a tag alone never makes anything HayMaker's; force delete applies the same rule, managed groups included).
    const rows = [
      ...(await deps.resourceGraph.query(buildManagedQuery('ResourceContainers'))),
      ...(await deps.resourceGraph.query(buildManagedQuery('Resources'))),
    ];
    const byRun = new Map<string, TaggedResource[]>();
    // A run whose groups cannot be read (its audit trail unreachable) fails its own rows, not the sweep.
    const groupsOfRun = new Map<string, Promise<Set<string> | Error>>();
    for (const row of rows) {
      const runId = row.tags[TAG_EXECUTION_ID];
      const reason = verdict(runId, undefined, row.tags[TAG_EXPIRES_AT]);
      if (!reason || !runId) continue;
      let parsed;
      try {
        parsed = parseResourceId(row.id);
      } catch {
        continue;
      }
      if (!groupsOfRun.has(runId))
        groupsOfRun.set(
          runId,
          runResourceGroupIds(deps.audit, runId).catch((error: unknown) =>
            error instanceof Error ? error : new Error(String(error)),
          ),
        );
      if (parsed.kind !== 'resourceGroup') {
        const groups = await groupsOfRun.get(runId)!;
        if (groups instanceof Error) {
          result.failed.push({
            id: row.id,
            error: `could not read the groups of run ${runId}: ${groups.message}`,
          });
          continue;
        }
        if (!isRunOwned(row.id, undefined, groups)) continue;
      }
      findings.push({ kind: parsed.kind, id: row.id, runId, reason });
      byRun.set(runId, [
        ...(byRun.get(runId) ?? []),
        { id: row.id, type: parsed.fullType, name: parsed.name, kind: parsed.kind },
      ]);
    }

    // App registrations (and their principals and role assignments), by name.
    const secrets = await deps.secrets.listByPrefix(SECRET_NAME_PREFIX);
    const expiryByShort = new Map<string, string>();
    for (const s of secrets) {
      const short = runShortOfSecretName(s.name);
      if (short && s.tags[TAG_EXPIRES_AT]) expiryByShort.set(short, s.tags[TAG_EXPIRES_AT]);
    }
    const apps = await deps.graph.listApplicationsByPrefix(APP_REGISTRATION_PREFIX);
    const doomedApps = apps.flatMap((app) => {
      const short = runShortOfAppName(app.displayName);
      const reason = short ? verdict(undefined, short, expiryByShort.get(short)) : undefined;
      if (!reason) return [];
      findings.push({ kind: 'appRegistration', id: app.id, runShort: short, reason });
      return [app];
    });
    // Soft-deleted registrations of runs no longer running: they count against the 250 objects the orchestrator may
    // own until purged (a principal deletion that could not purge them in time leaves them here).
    const deletedApps = await deps.graph.listDeletedApplicationsByPrefix(APP_REGISTRATION_PREFIX);
    const doomedDeletedApps = deletedApps.flatMap((app) => {
      const short = runShortOfAppName(app.displayName);
      if (!short || runningShorts.has(short)) return [];
      findings.push({ kind: 'deletedAppRegistration', id: app.id, runShort: short, reason: 'runNotRunning' });
      return [app];
    });
    const doomedSecrets = secrets.filter((s) => {
      const short = runShortOfSecretName(s.name);
      const reason = verdict(s.tags[TAG_EXECUTION_ID], short, s.tags[TAG_EXPIRES_AT]);
      if (reason)
        findings.push({
          kind: 'secret',
          id: s.name,
          runId: s.tags[TAG_EXECUTION_ID],
          runShort: short,
          reason,
        });
      return reason !== undefined;
    });
    if (dryRun) return result;

    // One sweep is one function call: it starts no new work after its budget and leaves the rest to the next hourly
    // sweep. The longest single item (a force delete, bounded at 4 minutes) still ends well within the timeout.
    const started = deps.now().getTime();
    const deferred: string[] = [];
    result.deferred = deferred;
    const inBudget = (ids: string[]): boolean => {
      if (deps.now().getTime() - started < JANITOR_BUDGET_MS) return true;
      deferred.push(...ids);
      return false;
    };
    const forceDelete = createForceDeleteResources(deps);
    for (const [runId, resources] of byRun) {
      if (!inBudget(resources.map((r) => r.id))) continue;
      // One run's failure (an ARM error, its audit trail unreachable) is its own; the other runs are still swept.
      try {
        const outcome = await forceDelete({ runId, resources });
        result.removed.push(...outcome.deleted, ...outcome.alreadyGone);
        result.failed.push(...outcome.failed);
        deferred.push(...(outcome.inProgress ?? []));
      } catch (error) {
        const message = `force-deleting what run ${runId} left failed: ${(error as Error).message}`;
        result.failed.push(...resources.map((r) => ({ id: r.id, error: message })));
      }
    }
    for (const app of doomedApps) {
      if (!inBudget([app.id])) continue;
      const sp = await deps.graph.findServicePrincipalByAppId(app.appId).catch(() => undefined);
      const secretName = `${SECRET_NAME_PREFIX}${app.displayName.slice(APP_REGISTRATION_PREFIX.length).replace(/-admin$/, '-secret')}`;
      const deletion = await deletePrincipalObjects(deps, {
        appObjectId: app.id,
        appId: app.appId,
        servicePrincipalId: sp?.id,
        secretName,
      });
      if (deletion.verifiedGone) result.removed.push(app.id);
      else result.failed.push({ id: app.id, error: deletion.errors.join('; ') || 'not verified gone' });
    }
    for (const app of doomedDeletedApps) {
      if (!inBudget([app.id])) continue;
      try {
        await deps.graph.purgeDeletedItem(app.id);
        result.removed.push(app.id);
      } catch (error) {
        result.failed.push({ id: app.id, error: (error as Error).message });
      }
    }
    for (const s of doomedSecrets) {
      if (!inBudget([s.name])) continue;
      try {
        await deps.secrets.deleteAndPurge(s.name);
        result.removed.push(s.name);
      } catch (error) {
        result.failed.push({ id: s.name, error: (error as Error).message });
      }
    }
    return result;
  };
}
