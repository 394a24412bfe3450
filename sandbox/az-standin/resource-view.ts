// ARM JSON → what az prints: most az commands show the resource's `properties` at the top level
// (`provisioningState`, `primaryEndpoints`…); `az resource` keeps them nested. Both shapes are kept
// so `--query provisioningState` and `--query properties.provisioningState` both answer.

export type ArmJson = Record<string, unknown> & { id?: string; properties?: Record<string, unknown> };

export function resourceGroupOf(id: string | undefined): string | undefined {
  return id ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined;
}

export function azView(resource: ArmJson): ArmJson {
  const { properties, ...top } = resource;
  const rg = resourceGroupOf(resource.id);
  return {
    ...(properties ?? {}),
    ...top,
    ...(rg ? { resourceGroup: rg } : {}),
    ...(properties ? { properties } : {}),
  };
}
