// The orchestrator's rights over the test subscription it fills. HayMaker's purpose is to create and delete
// resources there, so these are broad by nature; they are kept to the test subscription and conditioned where
// Azure allows it.
targetScope = 'subscription'

param orchestratorPrincipalId string

var roles = {
  contributor: 'b24988ac-6180-42e0-ab88-20f7382a6cb4'
  roleBasedAccessControlAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'
}

// Privileged roles the orchestrator may never hand out or take away: a scenario SP with one of them could
// escalate beyond its scenario.
var privilegedRoles = '${roles.owner}, ${roles.userAccessAdministrator}, ${roles.roleBasedAccessControlAdministrator}'
var assignCondition = '((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/write\'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {${privilegedRoles}})) AND ((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/delete\'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {${privilegedRoles}}))'

// The janitor force-deletes a run's leftover resources and resource groups wherever a scenario put them, and the
// orchestrator starts the agent job: both need write/delete across the subscription.
resource orchestratorContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, orchestratorPrincipalId, roles.contributor)
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.contributor)
  }
}

// Each scenario SP gets the roles its scenario needs (and loses them at cleanup). RBAC Administrator rather than
// User Access Administrator, with a condition that forbids Owner, User Access Administrator and itself.
resource orchestratorRoleAdministrator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, orchestratorPrincipalId, roles.roleBasedAccessControlAdministrator)
  properties: {
    principalId: orchestratorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.roleBasedAccessControlAdministrator)
    condition: assignCondition
    conditionVersion: '2.0'
  }
}
