// The grants of core/authorization/identities.json at the target subscription (the one HayMaker fills; it may not be the
// platform's). The orchestrator's rights there are broad by nature (creating and deleting resources is HayMaker's
// purpose) and its role-assignment rights carry the table's ABAC condition.
targetScope = 'subscription'

param orchestratorPrincipalId string
param agentPrincipalId string = ''

var table = loadJsonContent('../../core/authorization/identities.json')
var roleIds = loadJsonContent('../../core/authorization/roles/built-in-roles.json', '$.ids')
var principals = {
  orchestrator: { id: orchestratorPrincipalId, type: 'ServicePrincipal' }
  agent: { id: agentPrincipalId, type: 'ServicePrincipal' }
  deployer: { id: '', type: 'ServicePrincipal' }
}
var subscriptionGrants = filter(
  table.roleAssignments,
  g => g.scope == 'targetSubscription' && !empty(principals[g.identity].id)
)

// Contributor for the janitor's force-deletes; conditioned RBAC Administrator for scenario principals' roles.
resource subscriptionAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in subscriptionGrants: {
    name: guid(subscription().id, principals[g.identity].id, roleIds[g.role])
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]
