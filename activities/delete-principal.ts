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

  if (servicePrincipalId) {
    const listed =
      (await step('listing role assignments', () =>
        deps.roleAssignments.listForPrincipal(servicePrincipalId),
      )) ?? [];
    const ids = new Set([...knownAssignmentIds, ...listed.map((r) => r.id)]);
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
    await step('purging the deleted service principal', () =>
      deps.graph.purgeDeletedItem(servicePrincipalId),
    );
  } else result.servicePrincipalDeleted = true;

  if (appObjectId) {
    const app = await step('deleting the app registration', () => deps.graph.deleteApplication(appObjectId));
    result.appRegistrationDeleted = app !== undefined;
    const purged = await step('purging the app registration from deleted items', () =>
      deps.graph.purgeDeletedItem(appObjectId),
    );
    result.deletedItemPurged = purged !== undefined;
  } else {
    result.appRegistrationDeleted = true;
    result.deletedItemPurged = true;
  }

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
      result.verifiedGone = true;
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
