// Azure RBAC as ARM evaluates it: a caller may perform an action at a scope when a role assignment of the caller at
// that scope or above (subscription → resource group → resource) has a role whose permissions allow it (actions
// minus notActions, or dataActions minus notDataActions, within one permission block) and whose conditions hold.
// No assignment, no access: deny by default. Deny assignments are not modelled.
// https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource
import { findRoleById, type RolePermission } from '../../core/authorization/role-catalogue';
import type { Caller } from '../entra/tokens';
import { actionMatches } from './actions';
import { ConditionError, parseCondition, type ConditionContext } from './condition';

/** What the engine needs of a role assignment (the ARM store's shape). */
export interface AssignmentLike {
  properties: {
    roleDefinitionId: string;
    principalId: string;
    scope: string;
    condition?: string;
    createdOn: string;
  };
}

export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      /** An assignment allowed the action but its ABAC condition did not hold (or could not be evaluated). */
      conditionNotFulfilled: boolean;
      /** A condition the sandbox could not evaluate (refused, never ignored). */
      conditionError?: string;
    };

export interface AccessRequest {
  action: string;
  /** ARM id the action is performed on (`/subscriptions/…`, a group, a resource, a data path below one). */
  scope: string;
  dataAction?: boolean;
  /** Attributes for ABAC conditions (role assignment write/delete). */
  request?: ConditionContext['request'];
  resource?: ConditionContext['resource'];
}

const normalise = (scope: string) => `/${scope.replace(/^\/+|\/+$/g, '')}`.toLowerCase();

/** Is the assignment's scope the target scope or one of its ancestors? */
export function scopeCovers(assignmentScope: string, target: string): boolean {
  const a = normalise(assignmentScope);
  const t = normalise(target);
  return a === '/' || t === a || t.startsWith(`${a}/`);
}

function blockAllows(block: RolePermission, request: AccessRequest): boolean {
  const [allow, deny] = request.dataAction
    ? [block.dataActions, block.notDataActions]
    : [block.actions, block.notActions];
  return (
    allow.some((p) => actionMatches(p, request.action)) && !deny.some((p) => actionMatches(p, request.action))
  );
}

function holds(condition: string, request: AccessRequest): { ok: boolean; error?: string } {
  try {
    return {
      ok: parseCondition(condition)({
        action: request.action,
        request: request.request,
        resource: request.resource,
      }),
    };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, error: error.message };
    throw error;
  }
}

export class AuthorizationEngine {
  constructor(
    private readonly assignments: () => Iterable<AssignmentLike>,
    private readonly now: () => number,
    /** How long after its creation a role assignment takes effect (Azure: up to 10 minutes). */
    private readonly propagationMs: () => number,
  ) {}

  /** The caller's role assignments that are in effect now. */
  effectiveAssignments(principalId: string): AssignmentLike[] {
    const now = this.now();
    const lag = this.propagationMs();
    const id = principalId.toLowerCase();
    return [...this.assignments()].filter(
      (a) => a.properties.principalId.toLowerCase() === id && Date.parse(a.properties.createdOn) + lag <= now,
    );
  }

  decide(caller: Caller, request: AccessRequest): Decision {
    let conditionNotFulfilled = false;
    let conditionError: string | undefined;
    for (const assignment of this.effectiveAssignments(caller.objectId)) {
      if (!scopeCovers(assignment.properties.scope, request.scope)) continue;
      const role = findRoleById(assignment.properties.roleDefinitionId);
      if (!role) continue;
      const granted = role.permissions.some((block) => {
        if (!blockAllows(block, request)) return false;
        if (!block.condition) return true;
        const verdict = holds(block.condition, request);
        if (verdict.error) conditionError ??= verdict.error;
        return verdict.ok;
      });
      if (!granted) continue;
      if (!assignment.properties.condition) return { allowed: true };
      const verdict = holds(assignment.properties.condition, request);
      if (verdict.ok) return { allowed: true };
      conditionNotFulfilled = true;
      if (verdict.error) conditionError ??= verdict.error;
    }
    return { allowed: false, conditionNotFulfilled, ...(conditionError ? { conditionError } : {}) };
  }

  /** Whether the caller has any role in effect at or below a scope (e.g. ARM's subscription list). */
  hasAnyAssignmentWithin(caller: Caller, scope: string): boolean {
    return this.effectiveAssignments(caller.objectId).some(
      (a) => scopeCovers(scope, a.properties.scope) || scopeCovers(a.properties.scope, scope),
    );
  }
}
