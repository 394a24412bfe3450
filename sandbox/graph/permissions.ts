// What Microsoft Graph application permissions allow on applications, service principals, deleted items and app
// role assignments (each API page's "Permissions" table, https://learn.microsoft.com/graph/api/overview), and the
// directory object quota of the principal that creates objects.
import type { Caller } from '../entra/tokens';
import type { DirectoryState } from './directory-store';

const has = (caller: Caller, ...permissions: string[]) => permissions.some((p) => caller.roles.includes(p));

/** Read (get, list) applications and service principals. OwnedBy may list every one (documented). */
export const canReadApplications = (c: Caller) =>
  has(c, 'Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy');

/** Create an application; with OwnedBy the caller becomes its owner. */
export const canCreateApplications = (c: Caller) =>
  has(c, 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy');

/** Update, add or remove a password, delete, restore or purge one object: All, or OwnedBy on what it owns. */
export const canManage = (c: Caller, owners: readonly string[] | undefined) =>
  has(c, 'Application.ReadWrite.All') ||
  (has(c, 'Application.ReadWrite.OwnedBy') && (owners ?? []).includes(c.objectId));

/** `GET /directory/deletedItems/…` for applications and service principals. */
export const canReadDeletedItems = (c: Caller) => has(c, 'Application.Read.All', 'Application.ReadWrite.All');

/** Grant or remove application permissions (app role assignments). */
export const canManageAppRoleAssignments = (c: Caller) => has(c, 'AppRoleAssignment.ReadWrite.All');

/** Read app role assignments. */
export const canReadAppRoleAssignments = (c: Caller) =>
  has(c, 'Application.Read.All', 'Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All');

/**
 * "A non-admin user can create no more than 250 Microsoft Entra resources. Both active resources and deleted
 * resources that are available to restore count toward this quota. Only deleted Microsoft Entra resources that were
 * deleted fewer than 30 days ago are available to restore. Deleted Microsoft Entra resources that are no longer
 * available to restore count toward this quota at a value of one-quarter for 30 days."
 * https://learn.microsoft.com/entra/identity/users/directory-service-limits-restrictions
 */
export const DIRECTORY_OBJECT_QUOTA = 250;
const DAY_MS = 24 * 60 * 60 * 1000;
export const RESTORABLE_FOR_MS = 30 * DAY_MS;

export function quotaUsed(state: DirectoryState, creator: string, now: number): number {
  let used = 0;
  for (const [id, by] of Object.entries(state.createdBy)) {
    if (by !== creator) continue;
    const deletedAt = state.deletedAtMs[id];
    if (state.applications[id] || state.servicePrincipals[id]) used += 1;
    else if (deletedAt !== undefined && now - deletedAt < RESTORABLE_FOR_MS) used += 1;
    else if (deletedAt !== undefined && now - deletedAt < 2 * RESTORABLE_FOR_MS) used += 0.25;
  }
  for (const purgedAt of state.purgedAtMs[creator] ?? [])
    if (now - purgedAt < RESTORABLE_FOR_MS) used += 0.25;
  return used;
}
