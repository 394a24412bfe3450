// Valid local settings for code that needs HayMakerSettings but reaches no service through them (fake activities,
// the composition root with stand-in services).
import { parseConfiguration, type HayMakerSettings } from '../core/config';

export function localTestSettings(): HayMakerSettings {
  const parsed = parseConfiguration({
    HAYMAKER_ENVIRONMENT: 'local',
    AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
    AZURE_SUBSCRIPTION_ID: '22222222-2222-2222-2222-222222222222',
    KEY_VAULT_URL: 'https://127.0.0.1:1/',
    SERVICE_BUS_NAMESPACE: 'sandbox.servicebus.windows.net',
    CONTAINER_APPS_RESOURCE_GROUP: 'rg',
    CONTAINER_APPS_JOB_NAME: 'job',
  });
  if (!parsed.ok) throw new Error(`test settings invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.settings;
}
