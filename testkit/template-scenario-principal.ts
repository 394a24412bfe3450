// What the orchestrator gives the scenario template before its agent runs, given as the orchestrator (its identities
// table grants): the template's resource group, a principal of its own with Contributor there only, and that
// principal's secret in the vault. Shared by the agent entry-point tests and the agent benchmark, so both run the
// agent with exactly a scenario's rights.
import { randomUUID } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecretClient } from '@azure/keyvault-secrets';
import { roleIdOf } from '../core/authorization/role-catalogue';
import type { Sandbox } from '../sandbox';

/** The template's id as the agent tests run it, and the short run id (c0ffee42) its names carry. */
export const TEMPLATE_SCENARIO = 'compute-00-example-template';
const TEMPLATE_GROUP = 'haymaker-compute00-c0ffee42';

export async function grantTemplateScenario(
  sandbox: Sandbox,
  secretName: string,
): Promise<{ spClientId: string; spSecret: string; vault: SecretClient }> {
  const orchestrator = sandbox.credentialFor('orchestrator');
  const principal = sandbox.admin.createPrincipal(`AzureHayMaker-${TEMPLATE_SCENARIO}-c0ffee42-admin`);
  await new ResourceManagementClient(orchestrator, sandbox.subscriptionId, {
    endpoint: sandbox.endpoints.arm,
    credentials: { scopes: ['https://management.azure.com/.default'] },
    tlsOptions: { ca: sandbox.caCert },
  }).resourceGroups.createOrUpdate(TEMPLATE_GROUP, { location: 'eastus' });
  await new AuthorizationManagementClient(orchestrator, sandbox.subscriptionId, {
    endpoint: sandbox.endpoints.arm,
    credentialScopes: ['https://management.azure.com/.default'],
    tlsOptions: { ca: sandbox.caCert },
  }).roleAssignments.create(
    `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${TEMPLATE_GROUP}`,
    randomUUID(),
    {
      roleDefinitionId: `/subscriptions/${sandbox.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleIdOf('Contributor')}`,
      principalId: principal.objectId,
      principalType: 'ServicePrincipal',
    },
  );
  const vault = new SecretClient(sandbox.endpoints.keyVault, orchestrator, {
    disableChallengeResourceVerification: true,
    tlsOptions: { ca: sandbox.caCert },
  });
  await vault.setSecret(secretName, principal.clientSecret);
  return { spClientId: principal.clientId, spSecret: principal.clientSecret, vault };
}
