// The required keys, valid, for configuration tests.
export const REQUIRED = {
  AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
  AZURE_SUBSCRIPTION_ID: '22222222-2222-2222-2222-222222222222',
  KEY_VAULT_URL: 'https://hm-vault.vault.azure.net/',
  SERVICE_BUS_NAMESPACE: 'hm-ns.servicebus.windows.net',
  CONTAINER_APPS_RESOURCE_GROUP: 'rg-haymaker',
  CONTAINER_APPS_JOB_NAME: 'haymaker-agent',
};
