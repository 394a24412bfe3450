// dev: small runs on a one-day cadence, the janitor only reports. Cheap enough to leave deployed.
using '../main.bicep'

param environmentName = 'dev'
param location = 'eastus2'
param simulationSize = 'small'
param scheduleCron = '0 0 6 * * *'
param janitorDryRun = true
param agentCpuCores = '0.5'
param enableVnet = false
param logDailyQuotaGb = 1
param deployerPrincipalId = readEnvironmentVariable('DEPLOYER_PRINCIPAL_ID', '')
param agentImage = readEnvironmentVariable('AGENT_IMAGE', '')
