// Dependencies for activity tests: the production builder (app/dependencies.ts) pointed at a running sandbox,
// with an in-memory audit store, a temp report folder and a sleep that records instead of waiting.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox';
import { parseConfiguration, type HayMakerSettings } from '../../../core/config';
import { createDependencies } from '../../../app/dependencies';
import { createMemoryAuditStore } from '../../../adapters/memory-audit-store';
import type { Dependencies } from '../../../activities/dependencies';
import { instantPacer } from '../../adapters/helpers/sandbox-context';

export function sandboxSettings(sandbox: Sandbox, extra: Record<string, string> = {}): HayMakerSettings {
  const parsed = parseConfiguration({
    HAYMAKER_ENVIRONMENT: 'local',
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
    KEY_VAULT_URL: sandbox.endpoints.keyVault,
    SERVICE_BUS_NAMESPACE: 'haymaker.servicebus.windows.net',
    SERVICE_BUS_ENDPOINT: sandbox.endpoints.serviceBus || 'sb://127.0.0.1:5671',
    CONTAINER_APPS_RESOURCE_GROUP: 'rg-haymaker',
    CONTAINER_APPS_JOB_NAME: 'agent',
    AZURE_ARM_ENDPOINT: sandbox.endpoints.arm,
    MICROSOFT_GRAPH_ENDPOINT: sandbox.endpoints.graph,
    ...extra,
  });
  if (!parsed.ok) throw new Error(`test settings invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.settings;
}

export async function sandboxDependencies(
  sandbox: Sandbox,
  extra: Record<string, string> = {},
): Promise<Dependencies & { waits: number[]; reportsDir: string }> {
  const waits: number[] = [];
  const reportsDir = mkdtempSync(join(tmpdir(), 'hm-activity-reports-'));
  const deps = await createDependencies(sandboxSettings(sandbox, extra), {
    // The orchestrator's own principal: exactly the grants the identities table gives it, enforced.
    credential: sandbox.credentialFor('orchestrator'),
    tlsCa: sandbox.caCert,
    audit: createMemoryAuditStore(),
    reportsDir,
    pollIntervalInMs: 10,
    sleep: async (ms) => void waits.push(ms),
    pacer: instantPacer(),
  });
  return Object.assign(deps, { waits, reportsDir });
}
