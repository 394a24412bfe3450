// The parameters of every environment, read by azd (`azd up`) and by .github/workflows/deploy.yml alike. Both name the
// environment in AZURE_ENV_NAME, and that name picks the profile below, so azd's "dev" and the workflow's "dev" deploy
// the same settings instead of reconfiguring each other. Any other name (a personal azd environment) gets the dev
// profile under its own resource names. Variables and expressions here need Bicep CLI 0.21 or later; deployer() in
// main.bicep needs 0.36.1 or later.
using './main.bicep'

var envName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
var profiles = {
  // Small runs once a day and a janitor that only reports: cheap enough to leave deployed.
  dev: {
    simulationSize: 'small'
    scheduleCron: '0 0 6 * * *'
    janitorDryRun: true
    enableVnet: false
    // Public endpoints (Entra-only auth still): no Premium Service Bus, no private endpoints (docs/deployment.md).
    privateNetworking: false
    logDailyQuotaGb: 1
  }
  // The production shape at a fraction of the runs: medium once a day, VNet, the janitor deletes.
  staging: {
    simulationSize: 'medium'
    scheduleCron: '0 0 6 * * *'
    janitorDryRun: false
    enableVnet: true
    privateNetworking: false
    logDailyQuotaGb: 2
  }
  // Medium runs four times a day into the dedicated test subscription (HAYMAKER_TARGET_SUBSCRIPTION_ID), VNet on.
  prod: {
    simulationSize: 'medium'
    scheduleCron: '0 0 0,6,12,18 * * *'
    janitorDryRun: false
    enableVnet: true
    // Network isolation: Key Vault, Service Bus and Storage reachable only through private endpoints.
    privateNetworking: true
    logDailyQuotaGb: 5
  }
}
var profile = contains(profiles, envName) ? profiles[envName] : profiles.dev

param environmentName = envName
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param targetSubscriptionId = readEnvironmentVariable('HAYMAKER_TARGET_SUBSCRIPTION_ID', '')
param simulationSize = profile.simulationSize
param scheduleCron = profile.scheduleCron
param janitorDryRun = profile.janitorDryRun
param enableVnet = profile.enableVnet
param privateNetworking = profile.privateNetworking
param alertEmail = readEnvironmentVariable('HAYMAKER_ALERT_EMAIL', '')
// e.g. 'Europe/Berlin Mon-Fri 09-17' (core/office-hours); empty = an even spread of the bursts.
param officeHours = readEnvironmentVariable('HAYMAKER_OFFICE_HOURS', '')
param scenarioRegions = readEnvironmentVariable('HAYMAKER_REGIONS', '')
param logDailyQuotaGb = profile.logDailyQuotaGb
param agentCpuCores = '0.5'
param agentImage = readEnvironmentVariable('AGENT_IMAGE', '')
// A literal on both branches: durableBackend is @allowed, and a plain string read from the environment would not type.
param durableBackend = readEnvironmentVariable('HAYMAKER_DURABLE_BACKEND', 'AzureStorage') == 'DurableTaskScheduler' ? 'DurableTaskScheduler' : 'AzureStorage'
