// The Durable Task Scheduler backend for Durable Functions (main.bicep durableBackend = 'DurableTaskScheduler'): a
// scheduler, the task hub host.json names (extensions.durableTask.hubName), and the orchestrator identity's data role.
// Microsoft supports it as the Durable Functions backend on every Functions SKU, Flex Consumption included
// (https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler, "Supported SKUs"). Resource shape:
// https://learn.microsoft.com/azure/templates/microsoft.durabletask/schedulers (2026-02-01: ipAllowlist and sku.name
// required; an empty allow list admits no caller, so the list is open and access rests on Entra RBAC alone).
param location string
param tags object
@minLength(3)
@maxLength(64)
param schedulerName string
@allowed(['Consumption', 'Dedicated'])
param skuName string = 'Consumption'
@description('Must equal extensions.durableTask.hubName in host.json.')
param taskHubName string = 'HayMakerHub'
param orchestratorPrincipalId string

// The grants of core/authorization/identities.json at the task hub (scope symbol durableTaskHub), role ids from the catalogue.
var table = loadJsonContent('../../core/authorization/identities.json')
var roleIds = loadJsonContent('../../core/authorization/roles/built-in-roles.json', '$.ids')
var taskHubGrants = filter(table.roleAssignments, g => g.scope == 'durableTaskHub' && g.identity == 'orchestrator')

resource scheduler 'Microsoft.DurableTask/schedulers@2026-02-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    ipAllowlist: ['0.0.0.0/0']
    sku: { name: skuName }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2026-02-01' = {
  parent: scheduler
  name: taskHubName
}

// The host runs orchestrations, activities and entities, and the API also starts, lists and terminates instances:
// Data Contributor covers all data access (Microsoft: "most Durable Functions apps require" it); Worker only runs work.
resource taskHubAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in taskHubGrants: {
    name: guid(taskHub.id, orchestratorPrincipalId, roleIds[g.role])
    scope: taskHub
    properties: {
      principalId: orchestratorPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[g.role])
      condition: g.?condition
      conditionVersion: g.?conditionVersion
    }
  }
]

output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
