#!/usr/bin/env bash
# Grants the orchestrator's managed identity the Microsoft Graph application permissions that core/authorization/identities.json
# gives it (graphAppPermissions; today Application.ReadWrite.OwnedBy: it may create app registrations and manage, and
# delete, only those it owns, which are exactly the per-scenario service principals it creates). Idempotent.
#
# Usage: scripts/grant-graph-permission.sh <orchestrator-principal-id>
#   The principal id is the AZURE_ORCHESTRATOR_PRINCIPAL_ID output of bicep/main.bicep
#   (azd env get-value AZURE_ORCHESTRATOR_PRINCIPAL_ID).
# Who can run it: a Privileged Role Administrator or Global Administrator of the tenant (granting an
# application permission on Microsoft Graph is admin consent). ARM role assignments cannot grant it.
set -euo pipefail

principal_id="${1:-${AZURE_ORCHESTRATOR_PRINCIPAL_ID:-}}"
if [[ ! "${principal_id}" =~ ^[0-9a-fA-F-]{36}$ ]]; then
  echo "usage: $0 <orchestrator-principal-id>  (the AZURE_ORCHESTRATOR_PRINCIPAL_ID output of the deployment)" >&2
  exit 2
fi

graph_app_id="00000003-0000-0000-c000-000000000000"
graph="${MICROSOFT_GRAPH_ENDPOINT:-https://graph.microsoft.com}"
table="$(dirname "$0")/../core/authorization/identities.json"
mapfile -t permissions < <(node -e '
  const table = require(process.argv[1]);
  for (const p of table.graphAppPermissions) if (p.identity === "orchestrator") console.log(p.permission);
' "$(cd "$(dirname "${table}")" && pwd)/identities.json")
if [[ "${#permissions[@]}" -eq 0 ]]; then
  echo "${table} gives the orchestrator no Graph application permission; nothing to do"
  exit 0
fi

graph_sp_id="$(az ad sp show --id "${graph_app_id}" --query id --output tsv)"
for permission in "${permissions[@]}"; do
  # Looked up by value rather than hard-coded, so a sovereign cloud's Graph works too.
  role_id="$(az ad sp show --id "${graph_app_id}" \
    --query "appRoles[?value=='${permission}' && contains(allowedMemberTypes, 'Application')].id | [0]" --output tsv)"
  if [[ -z "${role_id}" ]]; then
    echo "could not find the ${permission} app role on Microsoft Graph (${graph_sp_id}); check the tenant and az login" >&2
    exit 1
  fi

  existing="$(az rest --method GET \
    --url "${graph}/v1.0/servicePrincipals/${principal_id}/appRoleAssignments" \
    --query "length(value[?appRoleId=='${role_id}' && resourceId=='${graph_sp_id}'])" --output tsv)"
  if [[ "${existing}" != "0" ]]; then
    echo "${principal_id} already has ${permission}; nothing to do"
    continue
  fi

  az rest --method POST \
    --url "${graph}/v1.0/servicePrincipals/${principal_id}/appRoleAssignments" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"${principal_id}\",\"resourceId\":\"${graph_sp_id}\",\"appRoleId\":\"${role_id}\"}" \
    --output none
  echo "granted ${permission} to ${principal_id}"
done
