// prod: medium runs four times a day into the dedicated test subscription, VNet on.
using '../main.bicep'

param environmentName = 'prod'
param location = 'eastus2'
param targetSubscriptionId = readEnvironmentVariable('HAYMAKER_TARGET_SUBSCRIPTION_ID')
param simulationSize = 'medium'
param scheduleCron = '0 0 0,6,12,18 * * *'
param janitorDryRun = false
param agentCpuCores = '0.5'
param enableVnet = true
param logDailyQuotaGb = 5
param deployerPrincipalId = readEnvironmentVariable('DEPLOYER_PRINCIPAL_ID', '')
param agentImage = readEnvironmentVariable('AGENT_IMAGE', '')
