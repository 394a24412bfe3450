// Names derive from the run, never from the wall clock, so every phase (a separate job) computes the same names.

/** Scenario ids are file stems: `<area>-<nn>-<slug>`, lower-case letters, digits and dashes. */
export const SCENARIO_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The 8-character short form of a run id that scenarios use in resource names. */
export function runShort(runId: string): string {
  const compact = runId.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (compact.length >= 8) return compact.slice(0, 8);
  throw new Error(`run id "${runId}" has fewer than 8 letters or digits; a run short name cannot be derived`);
}

export function servicePrincipalDisplayName(scenarioId: string, runId: string): string {
  return `AzureHayMaker-${scenarioId}-${runShort(runId)}-admin`;
}

/** Key Vault secret names allow 1-127 characters of [0-9a-zA-Z-]. */
export function servicePrincipalSecretName(scenarioId: string, runId: string): string {
  return `scenario-sp-${scenarioId}-${runShort(runId)}-secret`;
}

/** Deterministic child orchestration id: `<runInstanceId>:<scenarioId>`. */
export function scenarioInstanceId(runInstanceId: string, scenarioId: string): string {
  return `${runInstanceId}:${scenarioId}`;
}

export const APP_REGISTRATION_PREFIX = 'AzureHayMaker-';
export const SECRET_NAME_PREFIX = 'scenario-sp-';
