import type { DirectoryObject } from './directory-objects';

export type ObjectKind = 'application' | 'servicePrincipal';

/** The fake tenant's directory as plain JSON (kept in the sandbox state store). */
export interface DirectoryState {
  applications: Record<string, DirectoryObject>;
  servicePrincipals: Record<string, DirectoryObject>;
  deleted: Record<string, { kind: ObjectKind; object: DirectoryObject }>;
  /** When each object was created (ms), for the replication lag. */
  createdAtMs: Record<string, number>;
  /** When each object was soft-deleted (ms): deletedItems lists it only once the deletion has replicated. */
  deletedAtMs?: Record<string, number>;
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
    (this.state.deletedAtMs ??= {})[id] = this.now();
  }

  /** A soft-deleted object shows in deletedItems (and can be purged or restored) once its deletion has replicated. */
  private deletionVisible(id: string): boolean {
    const at = this.state.deletedAtMs?.[id.toLowerCase()];
    return at === undefined || this.now() - at >= this.lagMs();
  }

  deleted(id: string): { kind: ObjectKind; object: DirectoryObject } | undefined {
    const entry = this.state.deleted[id.toLowerCase()];
    return entry && this.deletionVisible(entry.object.id) ? entry : undefined;
  }

  listDeleted(kind: ObjectKind): DirectoryObject[] {
    return Object.values(this.state.deleted)
      .filter((d) => d.kind === kind && this.deletionVisible(d.object.id))
      .map((d) => d.object);
  }

  purge(id: string): boolean {
    if (!this.deleted(id)) return false;
    delete this.state.deleted[id.toLowerCase()];
    delete this.state.createdAtMs[id.toLowerCase()];
    delete this.state.deletedAtMs?.[id.toLowerCase()];
    return true;
  }

  restore(id: string): { kind: ObjectKind; object: DirectoryObject } | undefined {
    const entry = this.deleted(id);
    if (!entry) return undefined;
    delete this.state.deleted[id.toLowerCase()];
    const object = { ...entry.object, deletedDateTime: null };
    this.state[collectionOf[entry.kind]][object.id] = object;
    return { kind: entry.kind, object };
  }
}
