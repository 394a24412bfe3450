import type { ServiceContext } from '../core/service';
import type { DirectoryObject } from './directory-objects';

export type ObjectKind = 'application' | 'servicePrincipal';

/** The fake tenant's directory as plain JSON (kept in the sandbox state store). */
export interface DirectoryState {
  applications: Record<string, DirectoryObject>;
  servicePrincipals: Record<string, DirectoryObject>;
  deleted: Record<string, { kind: ObjectKind; object: DirectoryObject }>;
  /** When each object was created (ms), for the replication lag. */
  createdAtMs: Record<string, number>;
  /** Owners (object ids) of each application and service principal. */
  owners: Record<string, string[]>;
  /** Who created each object (object id), for the per-principal object quota. */
  createdBy: Record<string, string>;
  /** App role assignments (application permissions), by id. */
  appRoleAssignments: Record<string, AppRoleAssignment>;
  /** Secrets of applications (and of the sandbox's built-in identities) as hashes, by keyId; never served. */
  credentials: Record<string, StoredCredential>;
  /** When each object was deleted (ms), for the deleted-items listing lag and the quota. */
  deletedAtMs: Record<string, number>;
  /** Per creator, when each of its objects was purged (ms): those still count a quarter towards its quota. */
  purgedAtMs: Record<string, number[]>;
}

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  deletedDateTime: null;
  principalDisplayName: string;
  principalId: string;
  principalType: 'ServicePrincipal' | 'User' | 'Group';
  resourceDisplayName: string;
  resourceId: string;
}

export interface StoredCredential {
  /** The application's (or service principal's) object id. */
  objectId: string;
  /** sha256 of the secret text. */
  hash: string;
  createdAtMs: number;
  endDateTime: string;
}

/** The directory's state area, shared by Microsoft Graph and the token endpoint. */
export function directoryState(ctx: Pick<ServiceContext, 'state'>): DirectoryState {
  const state = ctx.state.area<DirectoryState>('graph', () => ({
    applications: {},
    servicePrincipals: {},
    deleted: {},
    createdAtMs: {},
    owners: {},
    createdBy: {},
    appRoleAssignments: {},
    credentials: {},
    deletedAtMs: {},
    purgedAtMs: {},
  }));
  // A store persisted before these fields existed.
  state.owners ??= {};
  state.createdBy ??= {};
  state.appRoleAssignments ??= {};
  state.credentials ??= {};
  state.deletedAtMs ??= {};
  state.purgedAtMs ??= {};
  return state;
}

export const odataType: Record<ObjectKind, string> = {
  application: '#microsoft.graph.application',
  servicePrincipal: '#microsoft.graph.servicePrincipal',
};

export const collectionOf: Record<ObjectKind, 'applications' | 'servicePrincipals'> = {
  application: 'applications',
  servicePrincipal: 'servicePrincipals',
};

/**
 * Directory reads honour the replication lag: an object created less than `lagMs` ago is not
 * visible yet, as a fresh Entra object is not on every replica.
 */
export class DirectoryStore {
  constructor(
    readonly state: DirectoryState,
    private readonly now: () => number,
    private readonly lagMs: () => number,
  ) {}

  add(kind: ObjectKind, object: DirectoryObject): void {
    this.state[collectionOf[kind]][object.id] = object;
    this.state.createdAtMs[object.id] = this.now();
  }

  visible(id: string): boolean {
    const created = this.state.createdAtMs[id];
    return created === undefined || this.now() - created >= this.lagMs();
  }

  get(kind: ObjectKind, id: string): DirectoryObject | undefined {
    const object = this.state[collectionOf[kind]][id.toLowerCase()];
    return object && this.visible(object.id) ? object : undefined;
  }

  /** By alternate key `appId`. */
  byAppId(kind: ObjectKind, appId: string): DirectoryObject | undefined {
    return this.list(kind).find((o) => String(o.appId).toLowerCase() === appId.toLowerCase());
  }

  list(kind: ObjectKind): DirectoryObject[] {
    return Object.values(this.state[collectionOf[kind]]).filter((o) => this.visible(o.id));
  }

  /** Soft delete: the object moves to deletedItems with its deletion time. */
  softDelete(kind: ObjectKind, id: string, deletedDateTime: string): void {
    const object = this.state[collectionOf[kind]][id];
    if (!object) return;
    delete this.state[collectionOf[kind]][id];
    this.state.deleted[id] = { kind, object: { ...object, deletedDateTime } };
    this.state.deletedAtMs[id] = this.now();
  }

  deleted(id: string): { kind: ObjectKind; object: DirectoryObject } | undefined {
    return this.state.deleted[id.toLowerCase()];
  }

  /** Deleted objects as `directory/deletedItems` lists them: only once the deletion has reached the listing. */
  listDeleted(kind: ObjectKind, listingLagMs = 0): DirectoryObject[] {
    const now = this.now();
    return Object.entries(this.state.deleted)
      .filter(([id, d]) => d.kind === kind && now - (this.state.deletedAtMs[id] ?? 0) >= listingLagMs)
      .map(([, d]) => d.object);
  }

  purge(id: string): boolean {
    const key = id.toLowerCase();
    if (!this.state.deleted[key]) return false;
    delete this.state.deleted[key];
    delete this.state.createdAtMs[key];
    delete this.state.deletedAtMs[key];
    delete this.state.owners[key];
    const creator = this.state.createdBy[key];
    if (creator) (this.state.purgedAtMs[creator] ??= []).push(this.now());
    delete this.state.createdBy[key];
    for (const [keyId, c] of Object.entries(this.state.credentials))
      if (c.objectId === key) delete this.state.credentials[keyId];
    return true;
  }

  restore(id: string): { kind: ObjectKind; object: DirectoryObject } | undefined {
    const entry = this.state.deleted[id.toLowerCase()];
    if (!entry) return undefined;
    delete this.state.deleted[id.toLowerCase()];
    delete this.state.deletedAtMs[id.toLowerCase()];
    const object = { ...entry.object, deletedDateTime: null };
    this.state[collectionOf[entry.kind]][object.id] = object;
    return { kind: entry.kind, object };
  }
}
