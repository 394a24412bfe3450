// Two user-assigned identities: the orchestrator (the Function App) and the agent (the Container Apps job).
// Separate so the agent, which runs model-repaired shell steps, holds none of the orchestrator's rights.
param location string
param tags object
param orchestratorIdentityName string
param agentIdentityName string

resource orchestrator 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: orchestratorIdentityName
  location: location
  tags: tags
}

resource agent 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: agentIdentityName
  location: location
  tags: tags
}

output orchestratorId string = orchestrator.id
output orchestratorPrincipalId string = orchestrator.properties.principalId
output orchestratorClientId string = orchestrator.properties.clientId
output agentId string = agent.id
output agentPrincipalId string = agent.properties.principalId
output agentClientId string = agent.properties.clientId
