// azd reads this file (bicep/main.bicepparam) for `azd up`; values come from the azd environment.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param deployerPrincipalType = 'User'
param agentImage = readEnvironmentVariable('AGENT_IMAGE', '')
