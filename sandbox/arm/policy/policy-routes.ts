// The Azure Policy routes the sandbox serves: built-in definitions by name and assignments at resource-group scope.
import { azureError, json, noContent, type SandboxRequest } from '../../core/http';
import type { ServiceRouter } from '../../core/router';
import type { ServiceContext } from '../../core/service';
import { armHandler, type ArmAccess } from '../guards';
import { startOperation } from '../operations';
import { groupNotFound } from '../resource-group-routes';
import { idKey, resourceGroupId } from '../resource-id';
import { armState } from '../store';
import { builtInPolicyDefinition, newAssignment, policyAssignments } from './policy-assignments';

const assignmentsPath =
  '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Authorization/policyAssignments';

const groupScope = (req: SandboxRequest) =>
  resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName);
const assignmentId = (req: SandboxRequest) =>
  `${groupScope(req)}/providers/Microsoft.Authorization/policyAssignments/${req.params.policyAssignmentName}`;

export function registerPolicyRoutes(router: ServiceRouter, ctx: ServiceContext): void {
  const on =
    (verb: 'read' | 'write' | 'delete'): ArmAccess =>
    (req) => ({
      action: `Microsoft.Authorization/policyAssignments/${verb}`,
      scope: req.params.policyAssignmentName ? assignmentId(req) : groupScope(req),
    });
  const h = (fn: Parameters<typeof armHandler>[1], access: ArmAccess) => armHandler(ctx, fn, access);
  const groupExists = (req: SandboxRequest) => Boolean(armState(ctx).groups[idKey(groupScope(req))]);

  // Built-in definitions are readable by any signed-in caller (PolicyDefinitions_GetBuiltIn).
  router.get(
    '/providers/Microsoft.Authorization/policyDefinitions/{policyDefinitionName}',
    'PolicyDefinitions_GetBuiltIn',
    (req) => {
      ctx.authz.allowAuthenticated(req, 'built-in policy definitions are public');
      const definition = builtInPolicyDefinition(req.params.policyDefinitionName);
      return definition
        ? json(200, { ...definition, type: 'Microsoft.Authorization/policyDefinitions' })
        : azureError(
            404,
            'PolicyDefinitionNotFound',
            `The policy definition '${req.params.policyDefinitionName}' could not be found.`,
          );
    },
  );

  router.get(
    assignmentsPath,
    'PolicyAssignments_ListForResourceGroup',
    h((req) => {
      if (!groupExists(req)) return groupNotFound(req.params.resourceGroupName);
      const scope = idKey(groupScope(req));
      return json(200, {
        value: Object.values(policyAssignments(ctx)).filter((a) => idKey(a.properties.scope) === scope),
      });
    }, on('read')),
  );
  router.put(
    `${assignmentsPath}/{policyAssignmentName}`,
    'PolicyAssignments_Create',
    h((req) => {
      if (!groupExists(req)) return groupNotFound(req.params.resourceGroupName);
      const made = newAssignment(
        ctx,
        groupScope(req),
        req.params.policyAssignmentName,
        req.body,
        req.caller?.objectId,
      );
      if ('status' in made) return made;
      const key = idKey(made.id);
      const created = !policyAssignments(ctx)[key];
      policyAssignments(ctx)[key] = made;
      return json(created ? 201 : 200, made);
    }, on('write')),
  );
  router.get(
    `${assignmentsPath}/{policyAssignmentName}`,
    'PolicyAssignments_Get',
    h((req) => {
      const found = policyAssignments(ctx)[idKey(assignmentId(req))];
      return found
        ? json(200, found)
        : azureError(
            404,
            'PolicyAssignmentNotFound',
            `The policy assignment '${req.params.policyAssignmentName}' is not found.`,
          );
    }, on('read')),
  );
  router.delete(
    `${assignmentsPath}/{policyAssignmentName}`,
    'PolicyAssignments_Delete',
    h((req) => {
      const key = idKey(assignmentId(req));
      const found = policyAssignments(ctx)[key];
      if (!found) return noContent(204);
      delete policyAssignments(ctx)[key];
      return json(200, found);
    }, on('delete')),
  );

  // Policy Insights at resource-group scope (PolicyStates_TriggerResourceGroupEvaluation, _SummarizeForResourceGroup;
  // az policy state trigger-scan / summarize, which prints the summary's value[0]). The sandbox does not evaluate
  // policies, so a summary shows what Azure shows before the first evaluation has finished: no assignment results.
  const insights =
    '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.PolicyInsights/policyStates';
  const insightsAction =
    (name: string): ArmAccess =>
    (req) => ({ action: `Microsoft.PolicyInsights/policyStates/${name}/action`, scope: groupScope(req) });
  router.post(
    `${insights}/latest/triggerEvaluation`,
    'PolicyStates_TriggerResourceGroupEvaluation',
    h((req) => {
      if (!groupExists(req)) return groupNotFound(req.params.resourceGroupName);
      return startOperation(ctx, req, req.params.subscriptionId, { kind: 'none' });
    }, insightsAction('triggerEvaluation')),
  );
  router.post(
    `${insights}/{policyStatesSummaryResource}/summarize`,
    'PolicyStates_SummarizeForResourceGroup',
    h((req) => {
      if (!groupExists(req)) return groupNotFound(req.params.resourceGroupName);
      const queryResultsUri = `${req.baseUrl}${groupScope(req)}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=2019-10-01&$filter=IsCompliant eq false`;
      return json(200, {
        '@odata.context': `${req.baseUrl}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary`,
        '@odata.count': 1,
        value: [
          {
            '@odata.id': null,
            '@odata.context': `${req.baseUrl}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary/$entity`,
            results: { queryResultsUri, nonCompliantResources: 0, nonCompliantPolicies: 0 },
            policyAssignments: [],
          },
        ],
      });
    }, insightsAction('summarize')),
  );
}
