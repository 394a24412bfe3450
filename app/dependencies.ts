// Builds every adapter and store from validated configuration, once: the activities, the triggers and the HTTP API
// all use what this returns (app/composition.ts). Endpoints come from settings (Azure, a sovereign cloud or the
// loopback sandbox); the credential is managed identity in Azure, a fixed local credential locally, or injected.
import { join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import { createLocalCredential } from '../adapters/local-credential';
import type { HayMakerSettings } from '../core/config';
import type { Dependencies, ScenarioCatalog } from '../activities/dependencies';
import { cachePromise } from '../core/cached-promise';
import { createActivityLog } from '../adapters/activity-log';
import { createArmResources } from '../adapters/arm-resources';
import { createTableAuditStore, type AuditStore } from '../adapters/audit-store';
import type { ArmPacer } from '../adapters/arm-pacing/arm-pacer';
import type { ArmContext } from '../adapters/client-options';
import { createAgentJobs } from '../adapters/container-apps';
import { createGraphDirectory } from '../adapters/graph';
import { createSecretStore } from '../adapters/key-vault';
import { createFileAuditStore } from '../adapters/file-audit-store';
import { createBlobReportStore, createFileReportStore, type ReportStore } from '../adapters/report-store';
import { createResourceGraph } from '../adapters/resource-graph';
import { realSleep, type RetryOptions, type Sleep } from '../adapters/retry';
import { createRoleAssignments } from '../adapters/role-assignments';

export interface DependencyOptions {
  /** Injected locally (the sandbox's credential); Azure uses managed identity. */
  credential?: TokenCredential;
  /** Extra trusted CA (PEM) for private endpoints (the sandbox) when NODE_EXTRA_CA_CERTS is not set. */
  tlsCa?: string;
  /** Local report folder (default `<cwd>/.haymaker/reports`). */
  reportsDir?: string;
  /** Replaces the audit store (tests); default from STORAGE_* settings, in memory locally without storage. */
  audit?: AuditStore;
  reports?: ReportStore;
  sleep?: Sleep;
  pollIntervalInMs?: number;
  /** Paces ARM requests (tests: a pacer on their clock); default one per credential and endpoint. */
  pacer?: ArmPacer;
  now?: () => Date;
}

const AZURE_VAULT_HOST = /\.vault\.(azure\.net|usgovcloudapi\.net|azure\.cn|microsoftazure\.de)$/i;

async function auditStoreFor(
  settings: HayMakerSettings,
  credential: TokenCredential,
  retry: RetryOptions,
): Promise<AuditStore> {
  if (settings.storageConnectionString)
    return createTableAuditStore({ connectionString: settings.storageConnectionString }, { retry });
  const tableUrl = settings.storageTableUrl ?? settings.storageAccountUrl?.replace('.blob.', '.table.');
  if (tableUrl) return createTableAuditStore({ tableUrl, credential }, { retry });
  // Local runs without storage keep a journal on disk, so a resumed run's report still has its earlier events.
  if (settings.environment === 'local')
    return createFileAuditStore(settings.auditDir ?? join(process.cwd(), '.haymaker', 'audit'));
  throw new Error(
    'no audit storage configured: set STORAGE_ACCOUNT_URL (or STORAGE_TABLE_URL), or STORAGE_CONNECTION_STRING locally',
  );
}

function reportStoreFor(
  settings: HayMakerSettings,
  credential: TokenCredential,
  retry: RetryOptions,
  reportsDir?: string,
): ReportStore {
  if (
    settings.environment === 'local' ||
    (!settings.storageAccountUrl && !settings.storageConnectionString)
  ) {
    return createFileReportStore(
      reportsDir ?? settings.reportsDir ?? join(process.cwd(), '.haymaker', 'reports'),
    );
  }
  if (settings.storageAccountUrl)
    return createBlobReportStore({ accountUrl: settings.storageAccountUrl, credential }, { retry });
  return createBlobReportStore({ connectionString: settings.storageConnectionString! }, { retry });
}

/** The scenario library, read from disk once, on first use. */
function catalogSource(dir: string): ScenarioCatalog {
  return {
    list: cachePromise(async () => {
      const { loadCatalog, selectable } = require('../catalog/load') as typeof import('../catalog/load');
      return selectable(loadCatalog({ dir }).scenarios).sort((a, b) => a.id.localeCompare(b.id));
    }),
  };
}

export async function createDependencies(
  settings: HayMakerSettings,
  options: DependencyOptions = {},
): Promise<Dependencies> {
  const credential =
    options.credential ??
    (settings.environment === 'local'
      ? createLocalCredential(settings, options.tlsCa)
      : new DefaultAzureCredential(settings.clientId ? { managedIdentityClientId: settings.clientId } : {}));
  const sleep = options.sleep ?? realSleep;
  const retry: RetryOptions = { sleep };
  const arm: ArmContext = {
    credential,
    subscriptionId: settings.subscriptionId,
    armEndpoint: settings.armEndpoint,
    retry,
    ...(options.tlsCa ? { tlsCa: options.tlsCa } : {}),
    ...(options.pollIntervalInMs ? { pollIntervalInMs: options.pollIntervalInMs } : {}),
    ...(options.pacer ? { pacer: options.pacer } : {}),
  };
  return {
    settings,
    arm: createArmResources(arm),
    resourceGraph: createResourceGraph(arm),
    roleAssignments: createRoleAssignments(arm),
    // The job lives with HayMaker's own resources, in the platform subscription (the target one only in dev shapes).
    agentJobs: createAgentJobs({
      ...arm,
      subscriptionId: settings.platformSubscriptionId,
      job: { resourceGroup: settings.containerAppsResourceGroup, jobName: settings.containerAppsJobName },
    }),
    graph: createGraphDirectory({
      credential,
      graphEndpoint: settings.graphEndpoint,
      retry,
      ...(options.tlsCa ? { tlsCa: options.tlsCa } : {}),
    }),
    secrets: createSecretStore({
      credential,
      vaultUrl: settings.keyVaultUrl,
      retry,
      disableChallengeResourceVerification: !AZURE_VAULT_HOST.test(new URL(settings.keyVaultUrl).hostname),
      ...(options.tlsCa ? { tlsCa: options.tlsCa } : {}),
      ...(options.pollIntervalInMs ? { pollIntervalInMs: options.pollIntervalInMs } : {}),
    }),
    audit: options.audit ?? (await auditStoreFor(settings, credential, retry)),
    reports: options.reports ?? reportStoreFor(settings, credential, retry, options.reportsDir),
    activityLog: createActivityLog(arm),
    scenarios: catalogSource(settings.scenariosDir),
    now: options.now ?? (() => new Date()),
    sleep,
  };
}
