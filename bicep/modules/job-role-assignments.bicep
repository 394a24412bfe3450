// The role assignments of core/authorization/identities.json at the agent job (scope symbol agentJob). Apart from the others
// because the job is created after role-assignments.bicep (it needs AcrPull before its first pull). The
// orchestrator starts and stops executions here: its Contributor covers only the target subscription, which in
// production is not the platform's.
param orchestratorPrincipalId string
param jobName string

var table = loadJsonContent('../../core/authorization/identities.json')
var roleIds = loadJsonContent('../../core/authorization/roles/built-in-roles.json', '$.ids')
var principals = {
  orchestrator: { id: orchestratorPrincipalId, type: 'ServicePrincipal' }
}
var jobGrants = filter(table.roleAssignments, g => g.scope == 'agentJob' && contains(principals, g.identity))

resource job 'Microsoft.App/jobs@2024-03-01' existing = {
  name: jobName
}

resource jobAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in jobGrants: {
    name: guid(job.id, principals[g.identity].id, roleIds[g.role])
    scope: job
    properties: {
      principalId: principals[g.identity].id
      principalType: principals[g.identity].type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]
