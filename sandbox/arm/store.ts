import type { ServiceContext } from '../core/service';
import type { PolicyAssignment } from './policy/policy-assignments';
import { idKey } from './resource-id';

export interface ArmResourceGroup {
  id: string;
  name: string;
  type: 'Microsoft.Resources/resourceGroups';
  location: string;
  tags?: Record<string, string>;
  managedBy?: string;
  properties: { provisioningState: string };
  subscriptionId: string;
  createdAt: number;
  changedAt: number;
}

export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  kind?: string;
  sku?: unknown;
  identity?: unknown;
  plan?: unknown;
  managedBy?: string;
  properties: Record<string, unknown>;
  subscriptionId: string;
  resourceGroup: string;
  apiVersion: string;
  createdAt: number;
  changedAt: number;
}

export interface ArmRoleAssignment {
  id: string;
  name: string;
  type: 'Microsoft.Authorization/roleAssignments';
  properties: {
    roleDefinitionId: string;
    principalId: string;
    principalType: string;
    scope: string;
    description?: string;
    condition?: string;
    conditionVersion?: string;
    createdOn: string;
    updatedOn: string;
    createdBy?: string;
    updatedBy?: string;
  };
}

/** A resource or group as it was when deleted, kept so Resource Graph can show it for the index lag. */
export interface ArmTombstone {
  kind: 'resource' | 'group';
  item: ArmResource | ArmResourceGroup;
  deletedAt: number;
}

export interface ArmOperation {
  id: string;
  subscriptionId: string;
  status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
  startedAt: number;
  readyAt: number;
  /** What finishing it does (interpreted by `settleOperations`). */
  action: { kind: 'deleteGroup'; id: string } | { kind: 'deleteResource'; id: string } | { kind: 'none' };
  error?: { code: string; message: string };
  /** Body of the final `Location` GET (e.g. a started job execution). */
  result?: unknown;
}

export interface ArmState {
  groups: Record<string, ArmResourceGroup>;
  resources: Record<string, ArmResource>;
  roleAssignments: Record<string, ArmRoleAssignment>;
  tombstones: ArmTombstone[];
  operations: Record<string, ArmOperation>;
  /** Access keys by resource id key (secrets: answered only by list/regenerate key actions). */
  accessKeys?: Record<string, Record<string, string>>;
  /** Policy assignments by id key (policy/policy-assignments.ts). */
  policyAssignments?: Record<string, PolicyAssignment>;
}

/**
 * A resource that resource lists and Resource Graph's `resources` table show: top-level (`Namespace/type`) and not an
 * extension resource of another (`…/vaults/v/providers/Microsoft.Insights/diagnosticSettings/d`), which Azure lists
 * only under its parent.
 */
export const isListedResource = (r: ArmResource): boolean =>
  r.type.split('/').length === 2 && r.id.toLowerCase().split('/providers/').length === 2;

export function armState(ctx: ServiceContext): ArmState {
  return ctx.state.area<ArmState>('arm', () => ({
    groups: {},
    resources: {},
    roleAssignments: {},
    tombstones: [],
    operations: {},
  }));
}

const tombstoneLifetimeMs = 10 * 60 * 1000;

function bury(ctx: ServiceContext, state: ArmState, tombstone: ArmTombstone): void {
  const now = ctx.clock.now();
  state.tombstones = state.tombstones.filter((t) => now - t.deletedAt < tombstoneLifetimeMs);
  if (ctx.settings.resourceGraphIndexLagMs > 0) state.tombstones.push(tombstone);
}

type RemovalListener = (resource: ArmResource) => void;
const removalListeners = new WeakMap<object, RemovalListener[]>();

/** Lets another service react when ARM removes a resource (e.g. Container Apps kills a deleted job's executions). */
export function onResourceRemoved(ctx: ServiceContext, listener: RemovalListener): void {
  const list = removalListeners.get(ctx.state) ?? [];
  list.push(listener);
  removalListeners.set(ctx.state, list);
}

/** Removes a resource and its children (and the role assignments scoped to them). */
export function removeResource(ctx: ServiceContext, id: string): void {
  const state = armState(ctx);
  const key = idKey(id);
  const now = ctx.clock.now();
  const prefix = `${key}/`;
  // `for…in` rather than Object.entries: no copy of a store that may hold tens of thousands of resources.
  for (const k in state.resources) {
    if (k !== key && !k.startsWith(prefix)) continue;
    const resource = state.resources[k];
    delete state.resources[k];
    if (state.accessKeys) delete state.accessKeys[k];
    bury(ctx, state, { kind: 'resource', item: resource, deletedAt: now });
    for (const listener of removalListeners.get(ctx.state) ?? []) listener(resource);
  }
  removeAssignmentsUnder(state, key);
}

/** Removes a group with everything it contains, as a finished group delete does (one pass over the resources). */
export function removeGroup(ctx: ServiceContext, id: string): void {
  const state = armState(ctx);
  const key = idKey(id);
  const group = state.groups[key];
  const now = ctx.clock.now();
  const listeners = removalListeners.get(ctx.state) ?? [];
  const prefix = `${key}/`;
  for (const k in state.resources) {
    if (!k.startsWith(prefix)) continue;
    const resource = state.resources[k];
    delete state.resources[k];
    if (state.accessKeys) delete state.accessKeys[k];
    bury(ctx, state, { kind: 'resource', item: resource, deletedAt: now });
    for (const listener of listeners) listener(resource);
  }
  removeAssignmentsUnder(state, key);
  if (group) {
    delete state.groups[key];
    bury(ctx, state, { kind: 'group', item: group, deletedAt: now });
  }
}

function removeAssignmentsUnder(state: ArmState, key: string): void {
  for (const [k, ra] of Object.entries(state.roleAssignments)) {
    const scope = idKey(ra.properties.scope);
    if (scope === key || scope.startsWith(`${key}/`)) delete state.roleAssignments[k];
  }
  // Policy assignments go with their scope, as role assignments do.
  for (const k of Object.keys(state.policyAssignments ?? {}))
    if (k.startsWith(`${key}/`)) delete state.policyAssignments![k];
}

/** Finishes operations whose time has come; called before every ARM-endpoint request. */
export function settleOperations(ctx: ServiceContext): void {
  const state = armState(ctx);
  const now = ctx.clock.now();
  for (const op of Object.values(state.operations)) {
    if (op.status !== 'InProgress' || op.readyAt > now) continue;
    if (op.error) {
      op.status = 'Failed';
      const target = op.action.kind === 'deleteGroup' ? state.groups[idKey(op.action.id)] : undefined;
      if (target) target.properties.provisioningState = 'Succeeded';
      continue;
    }
    if (op.action.kind === 'deleteGroup') removeGroup(ctx, op.action.id);
    if (op.action.kind === 'deleteResource') removeResource(ctx, op.action.id);
    op.status = 'Succeeded';
  }
}
