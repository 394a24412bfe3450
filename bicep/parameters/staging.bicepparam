// staging: medium runs once a day, VNet on, the janitor deletes: the production shape at a fraction of the runs.
using '../main.bicep'

param environmentName = 'staging'
param location = 'eastus2'
param simulationSize = 'medium'
param scheduleCron = '0 0 6 * * *'
param janitorDryRun = false
param agentCpuCores = '0.5'
param enableVnet = true
param logDailyQuotaGb = 2
param deployerPrincipalId = readEnvironmentVariable('DEPLOYER_PRINCIPAL_ID', '')
param agentImage = readEnvironmentVariable('AGENT_IMAGE', '')
