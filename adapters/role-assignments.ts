// Role assignments for scenario principals. Names are deterministic (UUID v5 of scope, principal and role), so a
// retry or a rewind re-PUTs the same assignment; "already exists" is an answer, not an error.
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { findRoleByName } from '../core/authorization/role-catalogue';
import { AdapterError, errorFacts, isNotFound, nextStepFor } from './errors';
import { roleAssignmentName } from './deterministic-name';
import { withRetry } from './retry';
import { classicArmOptions, type ArmContext } from './client-options';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RoleAssignmentRef {
  id: string;
  name: string;
  scope: string;
  principalId: string;
  roleDefinitionId: string;
}

export interface RoleAssignments {
  /** Creates (or finds) the assignment; `created` is false when it already existed. */
  ensure(input: {
    scope: string;
    principalId: string;
    role: string;
  }): Promise<RoleAssignmentRef & { created: boolean }>;
  listForPrincipal(principalId: string): Promise<RoleAssignmentRef[]>;
  /** 'notFound' means it was already gone. */
  deleteById(id: string): Promise<'deleted' | 'notFound'>;
  /** Whether the assignment exists (a role assignment goes with the group it was made at). */
  exists(id: string): Promise<boolean>;
  roleDefinitionId(role: string): string;
}

/** Entra replicates a new service principal to ARM with a lag; ARM answers 400 PrincipalNotFound meanwhile. */
const isPrincipalNotReplicated = (error: unknown): boolean => {
  const { status, code } = errorFacts(error);
  return status === 400 && code === 'PrincipalNotFound';
};

export function createRoleAssignments(context: ArmContext): RoleAssignments {
  const client = new AuthorizationManagementClient(
    context.credential,
    context.subscriptionId,
    classicArmOptions(context),
  );

  const roleDefinitionId = (role: string): string => {
    if (role.startsWith('/')) return role;
    // Built-in role ids come from the committed catalogue (core/authorization/roles/built-in-roles.json), never from memory.
    const guid = GUID.test(role) ? role : findRoleByName(role)?.id;
    if (!guid) throw new Error(`unknown role "${role}"; use a built-in role name or a role definition GUID`);
    return `/subscriptions/${context.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  };

  const toRef = (r: {
    id?: string;
    name?: string;
    scope?: string;
    principalId?: string;
    roleDefinitionId?: string;
  }): RoleAssignmentRef => ({
    id: r.id ?? '',
    name: r.name ?? '',
    scope: r.scope ?? '',
    principalId: r.principalId ?? '',
    roleDefinitionId: r.roleDefinitionId ?? '',
  });

  const listForPrincipal = async (principalId: string): Promise<RoleAssignmentRef[]> => {
    try {
      return await withRetry(async () => {
        const found: RoleAssignmentRef[] = [];
        for await (const r of client.roleAssignments.listForSubscription({
          filter: `principalId eq '${principalId.replace(/'/g, "''")}'`,
        })) {
          found.push(toRef(r));
        }
        return found;
      }, context.retry);
    } catch (error) {
      throw new AdapterError(
        `listing role assignments of principal ${principalId}`,
        error,
        nextStepFor(error, 'Reader on the subscription'),
      );
    }
  };

  return {
    roleDefinitionId,
    listForPrincipal,

    async ensure({ scope, principalId, role }) {
      const definitionId = roleDefinitionId(role);
      const name = roleAssignmentName(scope, principalId, definitionId);
      try {
        const created = await withRetry(
          () =>
            client.roleAssignments.create(scope, name, {
              roleDefinitionId: definitionId,
              principalId,
              principalType: 'ServicePrincipal',
            }),
          { ...context.retry, retryWhen: isPrincipalNotReplicated },
        );
        return { ...toRef(created), created: true };
      } catch (error) {
        if (errorFacts(error).status !== 409) {
          throw new AdapterError(
            `assigning ${role} on ${scope} to principal ${principalId}`,
            error,
            nextStepFor(
              error,
              "the orchestrator's conditioned Role Based Access Control Administrator (core/authorization/identities.json) on the target subscription",
            ),
          );
        }
        // RoleAssignmentExists: the same principal already holds the role at the scope, possibly under another name.
        const existing = (await listForPrincipal(principalId)).find(
          (r) =>
            r.roleDefinitionId.toLowerCase() === definitionId.toLowerCase() &&
            r.scope.toLowerCase() === scope.toLowerCase(),
        );
        if (existing) return { ...existing, created: false };
        throw new AdapterError(
          `assigning ${role} on ${scope} to principal ${principalId}`,
          error,
          'ARM reported a conflict but no matching assignment was found; check the scope',
        );
      }
    },

    async exists(id) {
      try {
        await withRetry(() => client.roleAssignments.getById(id), context.retry);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw new AdapterError(
          `reading role assignment ${id}`,
          error,
          nextStepFor(error, 'Reader on the subscription'),
        );
      }
    },

    async deleteById(id) {
      try {
        const response = await withRetry(() => client.roleAssignments.deleteById(id), context.retry);
        // ARM answers 204 (empty) when there was nothing to delete.
        return response && response.id ? 'deleted' : 'notFound';
      } catch (error) {
        if (isNotFound(error)) return 'notFound';
        throw new AdapterError(
          `deleting role assignment ${id}`,
          error,
          nextStepFor(
            error,
            "the orchestrator's conditioned Role Based Access Control Administrator (core/authorization/identities.json) on the target subscription",
          ),
        );
      }
    },
  };
}
