#!/usr/bin/env sh
# azd postdeploy hook (and usable by hand): build the agent image in the registry (no local Docker needed), then
# point the Container Apps job at it. Reads the values azd saved from the Bicep outputs.
set -eu

: "${AZURE_CONTAINER_REGISTRY_NAME:?run azd provision first (AZURE_CONTAINER_REGISTRY_NAME is an output of bicep/main.bicep)}"
: "${AZURE_CONTAINER_REGISTRY_ENDPOINT:?run azd provision first}"
: "${AZURE_RESOURCE_GROUP:?run azd provision first}"
: "${CONTAINER_APPS_JOB_NAME:?run azd provision first}"
: "${AZURE_SUBSCRIPTION_ID:?run azd provision first (azd sets AZURE_SUBSCRIPTION_ID)}"

# This hook drives the Azure CLI, and `azd auth login` signs in azd only, not az: say so before anything fails halfway.
if ! command -v az >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI (az) is not installed; install it (https://learn.microsoft.com/cli/azure/install-azure-cli), run \`az login\`, then \`azd hooks run postdeploy\`" >&2
  exit 1
fi
if ! az account show --only-show-errors >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI is not signed in (\`azd auth login\` does not sign in az). Run \`az login${AZURE_TENANT_ID:+ --tenant $AZURE_TENANT_ID}\`, then \`azd hooks run postdeploy\` to finish (the app is already deployed)." >&2
  exit 1
fi

tag="$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
image="${AZURE_CONTAINER_REGISTRY_ENDPOINT}/haymaker-agent:${tag}"

echo "Building ${image} in registry ${AZURE_CONTAINER_REGISTRY_NAME}"
az acr build --subscription "${AZURE_SUBSCRIPTION_ID}" --registry "${AZURE_CONTAINER_REGISTRY_NAME}" \
  --image "haymaker-agent:${tag}" --file agent-runtime/Dockerfile .

echo "Pointing job ${CONTAINER_APPS_JOB_NAME} at ${image}"
# `az containerapp` is an extension; install or update it without a prompt (the hook is not interactive).
az extension add --name containerapp --upgrade --only-show-errors
az containerapp job update --subscription "${AZURE_SUBSCRIPTION_ID}" --name "${CONTAINER_APPS_JOB_NAME}" \
  --resource-group "${AZURE_RESOURCE_GROUP}" --image "${image}" --output none

# The next `azd provision` keeps this image instead of the placeholder.
azd env set AGENT_IMAGE "${image}" >/dev/null 2>&1 || true
