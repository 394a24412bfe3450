// Role assignments: only built-in roles narrower than Contributor (never Owner, User Access Administrator or a
// role administrator), only on this run's resource groups, only to principals this run made or looked up.
import { POLICY_RULES, refuse, type PolicyContext, type Refusal } from '../types';
import { armIdProblem, nameProblem } from './ownership';
import { allValues, fieldText, type AzCall } from './parse-az';

const ALLOWED_ROLES = new Set(
  [
    'Contributor',
    'Reader',
    'Storage Blob Data Contributor',
    'Storage Blob Data Reader',
    'Storage Queue Data Contributor',
    'Storage Queue Data Reader',
    'Storage Table Data Contributor',
    'Storage Table Data Reader',
    'Storage Account Contributor',
    'Storage File Data SMB Share Contributor',
    'Key Vault Secrets User',
    'Key Vault Secrets Officer',
    'Key Vault Reader',
    'Key Vault Crypto User',
    'Key Vault Certificates Officer',
    'Monitoring Reader',
    'Monitoring Contributor',
    'Monitoring Metrics Publisher',
    'Log Analytics Reader',
    'Log Analytics Contributor',
    'AcrPull',
    'AcrPush',
    'Azure Service Bus Data Sender',
    'Azure Service Bus Data Receiver',
    'Azure Event Hubs Data Sender',
    'Azure Event Hubs Data Receiver',
    'Cognitive Services User',
    'Cognitive Services OpenAI User',
    'Website Contributor',
    'Web Plan Contributor',
    'Network Contributor',
    'Virtual Machine Contributor',
    'SQL DB Contributor',
    'SQL Server Contributor',
    'DocumentDB Account Contributor',
    'Cosmos DB Account Reader Role',
    'Azure Kubernetes Service Cluster User Role',
    'Data Factory Contributor',
    'Search Index Data Reader',
    'Search Index Data Contributor',
  ].map((r) => r.toLowerCase()),
);

/**
 * Built-in role definition ids, so a role given by id is judged like its name. Source: Azure built-in roles
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
const ROLE_IDS: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'contributor',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'reader',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'user access administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'role based access control administrator',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'storage blob data contributor',
  '4633458b-17de-408a-b874-0445c86b69e6': 'key vault secrets user',
};

function roleName(value: string): string {
  const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    .exec(value)?.[0]
    ?.toLowerCase();
  return guid ? (ROLE_IDS[guid] ?? `unknown role ${guid}`) : value.toLowerCase();
}

export function judgeRoles(call: AzCall, ctx: PolicyContext): Refusal | undefined | 'not-mine' {
  const [, sub, verb] = call.path;
  if (sub === 'definition') {
    if (verb === 'list' || verb === 'show') return undefined;
    return refuse(
      POLICY_RULES.roleDefinition,
      'custom role definitions are not allowed; use a built-in role no broader than Contributor',
    );
  }
  if (sub !== 'assignment' || (verb !== 'create' && verb !== 'update')) return 'not-mine';
  for (const role of allValues(call, '--role')) {
    if (role.kind !== 'text')
      return refuse(POLICY_RULES.roleTooPrivileged, `the role is decided at run time (${role.why})`);
    if (!ALLOWED_ROLES.has(roleName(role.text)))
      return refuse(
        POLICY_RULES.roleTooPrivileged,
        `role "${role.text}" is not a built-in role narrower than Contributor (Owner, User Access Administrator and role administrators are never assigned)`,
      );
  }
  const scopes = allValues(call, '--scope');
  if (scopes.length === 0)
    return refuse(
      POLICY_RULES.roleScope,
      'a role assignment needs --scope naming a resource group (or resource) of this run',
    );
  for (const scope of scopes) {
    const problem = armIdProblem(scope, ctx);
    if (problem)
      return refuse(POLICY_RULES.roleScope, `${problem}; assign roles inside this run's resource groups`);
  }
  const assignees = allValues(call, '--assignee', '--assignee-object-id');
  if (assignees.length === 0)
    return refuse(POLICY_RULES.roleScope, 'a role assignment needs --assignee-object-id');
  for (const a of assignees) {
    const problem =
      a.kind === 'text' && a.text === ctx.env?.HAYMAKER_SP_CLIENT_ID ? undefined : nameProblem(a, ctx);
    if (problem)
      return refuse(
        POLICY_RULES.roleScope,
        `assignee ${fieldText(a)}: ${problem}; look the principal up from an identity or app of this run`,
      );
  }
  return undefined;
}
