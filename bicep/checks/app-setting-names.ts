// Which app-setting names the Function App may carry besides the configuration keys, and which configuration keys
// it deliberately leaves unset in Azure. The app-settings rule compares the Bicep against core/config with these.

/** Functions host settings: identity-based connections and telemetry. They are not HayMaker configuration. */
export const HOST_SETTINGS: Readonly<Record<string, string>> = {
  AzureWebJobsStorage__accountName: 'host storage (task hub) over the managed identity',
  AzureWebJobsStorage__credential: 'selects the managed identity for host storage',
  AzureWebJobsStorage__clientId: 'which user-assigned identity host storage uses',
  ServiceBusConnection__credential: 'selects the managed identity for the Service Bus trigger',
  ServiceBusConnection__clientId: 'which user-assigned identity the Service Bus trigger uses',
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    'where telemetry goes (an ingestion endpoint; local auth is off, so it grants nothing)',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'telemetry authenticated with the managed identity',
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type:
    'the Durable Functions backend (AzureStorage or azureManaged), a host.json override set from durableBackend',
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING:
    'the Durable Task Scheduler endpoint with the managed identity (no secret); empty with the Azure Storage backend',
};

/** Configuration keys not set in Azure, each with the reason. */
export const KEYS_NOT_SET_IN_AZURE: Readonly<Record<string, string>> = {
  STORAGE_CONNECTION_STRING: 'local (Azurite) only; Azure uses STORAGE_ACCOUNT_URL with the identity',
  HAYMAKER_REPORTS_DIR:
    'local file report store only; Azure writes reports to blob storage (STORAGE_ACCOUNT_URL)',
  HAYMAKER_AUDIT_DIR:
    'local file audit store only; Azure keeps the audit trail in tables (STORAGE_TABLE_URL)',
  SERVICE_BUS_ENDPOINT: 'sandbox only (custom AMQP endpoint)',
  AZURE_CLIENT_SECRET:
    'local only: the sandbox principal the app signs in as; Azure uses the managed identity',
  AZURE_AUTHORITY_HOST: "local only: the sandbox's token endpoint; Azure signs in at the public cloud's",
  SIMULATION_SCENARIOS: 'an explicit override an operator sets by hand; SIMULATION_SIZE decides otherwise',
  AZURE_ARM_ENDPOINT: 'public-cloud default in core/config; set by hand only for a sovereign cloud',
  MICROSOFT_GRAPH_ENDPOINT: 'public-cloud default in core/config; set by hand only for a sovereign cloud',
  ANTHROPIC_BASE_URL: 'public default in core/config; set by hand only for a proxy',
};
