// Azure's eventual consistency, as magnitudes to switch on in the sandbox (all lags are off by default, on per test
// or run). Each figure is an upper bound Azure documents or its maintainers state; none is a guarantee.
import { ACTIVITY_LOG_INGESTION_DELAY_MS } from '../activitylog/ingestion';
import type { SandboxSettings } from './service';

export type LagSettings = Pick<
  SandboxSettings,
  | 'roleAssignmentPropagationLagMs'
  | 'graphReplicationLagMs'
  | 'secretPropagationLagMs'
  | 'deletedItemsLagMs'
  | 'resourceGraphIndexLagMs'
  | 'activityLogIngestionDelayMs'
>;

const MINUTE = 60_000;

export const AZURE_LAGS: Readonly<LagSettings> = {
  // "When you assign roles or remove role assignments, it can take up to 10 minutes for changes to take effect."
  // https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected
  roleAssignmentPropagationLagMs: 10 * MINUTE,
  // A new principal is not on every Entra replica at once (PrincipalNotFound; "set principalType"). Microsoft gives
  // no figure; tools wait minutes (the azurerm provider retries role assignments for 5 minutes, OpenShift's
  // credentials operator 4). Two minutes here.
  // https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---assigning-a-role-to-a-new-principal-sometimes-fails
  graphReplicationLagMs: 2 * MINUTE,
  // A secret added with addPassword reaches sign-in (AADSTS7000215 until then) with the same replication.
  secretPropagationLagMs: 2 * MINUTE,
  // A deletion reaches directory/deletedItems with the same replication (404 on get, purge and restore until then).
  deletedItemsLagMs: 2 * MINUTE,
  // "95% of all changes [are] present in resource graph under 30s" (the Azure Resource Graph team, quoted in
  // https://github.com/Azure/azure-dev/issues/540).
  resourceGraphIndexLagMs: 30_000,
  // Azure Monitor: "between 20 seconds and 3 minutes" on average (sandbox/activitylog/ingestion.ts).
  activityLogIngestionDelayMs: ACTIVITY_LOG_INGESTION_DELAY_MS,
};

/** Azure's lags on a scaled clock: with time running `timeScale` times faster, each lag is that much shorter. */
export function scaledAzureLags(timeScale: number): LagSettings {
  const scale = (ms: number) => Math.max(1, Math.round(ms / Math.max(timeScale, 1)));
  return Object.fromEntries(
    Object.entries(AZURE_LAGS).map(([key, ms]) => [key, scale(ms)]),
  ) as unknown as LagSettings;
}
