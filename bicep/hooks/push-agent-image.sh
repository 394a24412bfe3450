#!/usr/bin/env sh
# azd postdeploy hook (and usable by hand): build the agent image in the registry (no local Docker needed), then
# point the Container Apps job at it. Reads the values azd saved from the Bicep outputs.
set -eu

: "${AZURE_CONTAINER_REGISTRY_NAME:?run azd provision first (AZURE_CONTAINER_REGISTRY_NAME is an output of bicep/main.bicep)}"
: "${AZURE_CONTAINER_REGISTRY_ENDPOINT:?run azd provision first}"
: "${AZURE_RESOURCE_GROUP:?run azd provision first}"
: "${CONTAINER_APPS_JOB_NAME:?run azd provision first}"

tag="$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
image="${AZURE_CONTAINER_REGISTRY_ENDPOINT}/haymaker-agent:${tag}"

echo "Building ${image} in registry ${AZURE_CONTAINER_REGISTRY_NAME}"
az acr build --registry "${AZURE_CONTAINER_REGISTRY_NAME}" --image "haymaker-agent:${tag}" \
  --file agent-runtime/Dockerfile .

echo "Pointing job ${CONTAINER_APPS_JOB_NAME} at ${image}"
az containerapp job update --name "${CONTAINER_APPS_JOB_NAME}" --resource-group "${AZURE_RESOURCE_GROUP}" \
  --image "${image}" --output none

# The next `azd provision` keeps this image instead of the placeholder.
azd env set AGENT_IMAGE "${image}" >/dev/null 2>&1 || true
