// Role assignments: only Contributor, User Access Administrator, Reader or narrower built-in roles,
// only inside the run's subscription, never at the root or a management group.
import { optionValues, type AzCommand } from '../az-command';
import { POLICY_RULES, type PolicyContext, type RuleOutcome } from '../types';

const ALLOWED_ROLES = new Set(
  [
    'Contributor',
    'User Access Administrator',
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

/** Well-known role definition GUIDs, so a role given by id is judged like its name. */
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
  const guid = value
    .match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)?.[0]
    ?.toLowerCase();
  return guid ? (ROLE_IDS[guid] ?? `unknown role ${guid}`) : value.toLowerCase();
}

function scopeProblem(scope: string, ctx: PolicyContext): string | undefined {
  const root = `/subscriptions/${ctx.subscriptionId}`.toLowerCase();
  const lower = scope.toLowerCase().replace(/\/+$/, '');
  if (lower === '' || lower === '/') return `scope "${scope}" is the tenant root`;
  if (lower === root || lower.startsWith(`${root}/`)) return undefined;
  // `$(az group show -n "$RG" --query id -o tsv)`: the inner az is pinned to the subscription and checked on its own.
  if (/^\$\(\s*az\s/.test(scope)) return undefined;
  return `scope "${scope}" is outside the run's subscription ${ctx.subscriptionId}`;
}

export function checkRoles(cmd: AzCommand, ctx: PolicyContext): RuleOutcome {
  const [group, sub, verb] = cmd.path;
  if (group === 'role' && sub === 'definition' && verb !== 'list' && verb !== 'show') {
    return {
      refuse: {
        rule: POLICY_RULES.roleDefinition,
        reason: 'custom role definitions are not allowed; use a built-in role no broader than Contributor',
      },
    };
  }
  const assigning =
    (group === 'role' && sub === 'assignment' && (verb === 'create' || verb === 'update')) ||
    (group === 'ad' && sub === 'sp' && verb === 'create-for-rbac');
  if (!assigning) return undefined;
  for (const role of optionValues(cmd, '--role')) {
    const name = roleName(role);
    if (!ALLOWED_ROLES.has(name)) {
      return {
        refuse: {
          rule: POLICY_RULES.roleTooPrivileged,
          reason: `role "${role}" is above Contributor/User Access Administrator or not a known narrower built-in role`,
        },
      };
    }
  }
  const scopes = optionValues(cmd, '--scope', '--scopes');
  for (const scope of scopes) {
    const problem = scopeProblem(scope, ctx);
    if (problem)
      return {
        refuse: {
          rule: POLICY_RULES.roleScope,
          reason: `${problem}; assign roles at the subscription or a resource group of this run`,
        },
      };
  }
  return undefined;
}
