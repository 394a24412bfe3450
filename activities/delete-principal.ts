// Removes the scenario principal completely: role assignments, service principal, app registration (and its
// deleted-items entry), and the Key Vault secret (deleted and purged where allowed); then checks each is gone.
// Works from deterministic names when provisioning failed half-way and no PrincipalRef exists.
import { servicePrincipalDisplayName, servicePrincipalSecretName } from '../core/naming';
import type { ActivityHandler, PrincipalDeletionResult } from '../contract/activities';
import type { Dependencies } from './dependencies';

type Deps = Pick<Dependencies, 'graph' | 'secrets' | 'roleAssignments' | 'sleep'>;

/** Graph and ARM are eventually consistent: a just-deleted object can still read back for a few seconds. */
const VERIFY_ATTEMPTS = 5;
const VERIFY_DELAY_MS = 2000;
/**
 * Entra lists a deleted object in directory/deletedItems only once the deletion has replicated; a purge before that
 * gets 404, which is not "purged". So: wait until the item is listed (reading it needs Application.Read.All), purge
 * it, and only then count it purged. About 90 s in all; what is still not listed then is reported, and the janitor
 * purges it later. Soft-deleted objects count against the 250 objects their creator may own.
 * https://learn.microsoft.com/graph/api/directory-deleteditems-get (permissions)
 */
export const DELETED_ITEM_WAITS_MS = [2_000, 4_000, 8_000, 16_000, 30_000, 30_000] as const;

/** 'purged' once Entra listed the deleted item and the purge went through; 'neverListed' when it never showed. */
export async function purgeWhenListed(
  deps: Pick<Deps, 'graph' | 'sleep'>,
  id: string,
): Promise<'purged' | 'neverListed'> {
  for (let attempt = 0; ; attempt++) {
    if (await deps.graph.getDeletedItem(id)) {
      // A 404 here means it went between the read and the purge (another attempt purged it): gone either way.
      await deps.graph.purgeDeletedItem(id);
      return 'purged';
    }
    const wait = DELETED_ITEM_WAITS_MS[attempt];
    if (wait === undefined) return 'neverListed';
    await deps.sleep(wait);
  }
}

export interface PrincipalObjects {
  appObjectId?: string;
  appId?: string;
  servicePrincipalId?: string;
  secretName: string;
}

export async function deletePrincipalObjects(
  deps: Deps,
  objects: PrincipalObjects,
  knownAssignmentIds: string[] = [],
): Promise<PrincipalDeletionResult> {
  const errors: string[] = [];
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      errors.push(`${what}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const result: PrincipalDeletionResult = {
    roleAssignmentsDeleted: 0,
    servicePrincipalDeleted: false,
    appRegistrationDeleted: false,
    deletedItemPurged: false,
    secretDeleted: false,
    secretPurged: false,
    verifiedGone: false,
    errors,
  };
  const { appObjectId, servicePrincipalId, secretName } = objects;
  /** Objects this attempt deleted: their deleted items must be seen and purged, not assumed gone. */
  const deletedNow = new Set<string>();

  if (servicePrincipalId) {
    const listed =
      (await step('listing role assignments', () =>
        deps.roleAssignments.listForPrincipal(servicePrincipalId),
      )) ?? [];
    // Assignments at a group that is gone went with it. Deleting one that no longer exists is not harmless: the
    // orchestrator's condition cannot be evaluated without it, and Azure refuses (403). So a known id the listing
    // does not show is read first.
    const listedIds = new Set(listed.map((r) => r.id.toLowerCase()));
    const unlisted = knownAssignmentIds.filter((id) => !listedIds.has(id.toLowerCase()));
    const stillThere = await Promise.all(
      unlisted.map((id) => step(`reading role assignment ${id}`, () => deps.roleAssignments.exists(id))),
    );
    const ids = new Set([...listed.map((r) => r.id), ...unlisted.filter((_, i) => stillThere[i] === true)]);
    for (const id of ids) {
      if (
        (await step(`deleting role assignment ${id}`, () => deps.roleAssignments.deleteById(id))) ===
        'deleted'
      )
        result.roleAssignmentsDeleted += 1;
    }
    const sp = await step('deleting the service principal', () =>
      deps.graph.deleteServicePrincipal(servicePrincipalId),
    );
    result.servicePrincipalDeleted = sp !== undefined;
    if (sp === 'deleted') deletedNow.add(servicePrincipalId);
  } else result.servicePrincipalDeleted = true;

  if (appObjectId) {
    const app = await step('deleting the app registration', () => deps.graph.deleteApplication(appObjectId));
    result.appRegistrationDeleted = app !== undefined;
    if (app === 'deleted') deletedNow.add(appObjectId);
  } else result.appRegistrationDeleted = true;

  // Both soft-deleted objects are purged once Entra lists them (in parallel: each may take a while to show).
  const purges = await Promise.all(
    [
      servicePrincipalId ? { id: servicePrincipalId, what: 'service principal' } : undefined,
      appObjectId ? { id: appObjectId, what: 'app registration' } : undefined,
    ]
      .filter((p): p is { id: string; what: string } => p !== undefined)
      .map(async ({ id, what }) => {
        const outcome = await step(`purging the deleted ${what} ${id}`, () => purgeWhenListed(deps, id));
        // Deleted by an earlier attempt and not listed now: that attempt purged it (it was listed for it).
        if (outcome === 'neverListed' && !deletedNow.has(id)) return true;
        if (outcome === 'neverListed')
          errors.push(
            `the deleted ${what} ${id} did not show in directory/deletedItems within ${DELETED_ITEM_WAITS_MS.reduce((a, b) => a + b, 0) / 1000} s, so it could not be purged yet; the janitor purges it later`,
          );
        return outcome === 'purged';
      }),
  );
  result.deletedItemPurged = purges.every(Boolean);

  const secret = await step(`deleting secret ${secretName}`, () => deps.secrets.deleteAndPurge(secretName));
  if (secret) {
    result.secretDeleted = true;
    result.secretPurged = secret.purged;
  }

  for (let attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt += 1) {
    const left = await step('verifying deletion', async () => {
      const remaining: string[] = [];
      if (servicePrincipalId) {
        if ((await deps.roleAssignments.listForPrincipal(servicePrincipalId)).length > 0)
          remaining.push('role assignments');
        if (await deps.graph.getServicePrincipal(servicePrincipalId)) remaining.push('service principal');
      }
      if (appObjectId) {
        if (await deps.graph.getApplication(appObjectId)) remaining.push('app registration');
        if (await deps.graph.getDeletedItem(appObjectId)) remaining.push('deleted app registration');
      }
      if (await deps.secrets.getInfo(secretName)) remaining.push('secret');
      if (result.secretPurged && (await deps.secrets.isSoftDeleted(secretName)))
        remaining.push('soft-deleted secret');
      return remaining;
    });
    if (left && left.length === 0) {
      result.verifiedGone = result.deletedItemPurged;
      break;
    }
    if (attempt === VERIFY_ATTEMPTS) {
      if (left) errors.push(`still present after ${VERIFY_ATTEMPTS} checks: ${left.join(', ')}`);
    } else await deps.sleep(VERIFY_DELAY_MS);
  }
  // Errors of early steps that the verification shows were harmless (e.g. a 5xx on a delete that went through)
  // stay in the list: the report shows them, and verifiedGone says whether anything is left.
  return result;
}

export function createDeletePrincipal(deps: Deps): ActivityHandler<'deletePrincipal'> {
  return async (input) => {
    const secretName =
      input.principal?.secretName ?? servicePrincipalSecretName(input.scenarioId, input.runId);
    let appObjectId = input.principal?.appObjectId;
    let appId = input.principal?.appId;
    let servicePrincipalId = input.principal?.servicePrincipalId;
    if (!appObjectId) {
      const app = await deps.graph.findApplicationByDisplayName(
        servicePrincipalDisplayName(input.scenarioId, input.runId),
      );
      appObjectId = app?.id;
      appId = app?.appId;
    }
    if (!servicePrincipalId && appId)
      servicePrincipalId = (await deps.graph.findServicePrincipalByAppId(appId))?.id;
    return deletePrincipalObjects(
      deps,
      { appObjectId, appId, servicePrincipalId, secretName },
      input.roleAssignmentIds ?? [],
    );
  };
}
