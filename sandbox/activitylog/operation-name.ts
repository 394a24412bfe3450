// The Activity Log's operation name of an ARM request: the RBAC action it performs, as Azure writes it in
// `operationName.value` (`Microsoft.Storage/storageAccounts/write`, `…/delete`, `Microsoft.App/jobs/start/action`;
// https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema#administrative-category).
// Only writes, deletes and actions are administrative events; reads are not recorded.

const resourceGroupPath = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i;

/** Undefined for a read (GET, HEAD) or a path that names no ARM operation. */
export function armOperationName(method: string, path: string): string | undefined {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') return undefined;
  if (resourceGroupPath.test(path)) {
    if (verb === 'PUT' || verb === 'PATCH') return 'Microsoft.Resources/subscriptions/resourceGroups/write';
    if (verb === 'DELETE') return 'Microsoft.Resources/subscriptions/resourceGroups/delete';
    return undefined;
  }
  const at = path.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const [namespace, ...rest] = path
    .slice(at + '/providers/'.length)
    .split('/')
    .filter(Boolean);
  if (!namespace || rest.length === 0) return undefined;
  const types = rest.filter((_, i) => i % 2 === 0);
  if (rest.length % 2 === 1) {
    // An odd tail ends in an action name: …/jobs/{name}/start, …/providers/Microsoft.X/register.
    if (verb !== 'POST') return undefined;
    const action = types.pop()!;
    return [namespace, ...types, action, 'action'].join('/');
  }
  if (verb === 'PUT' || verb === 'PATCH') return [namespace, ...types, 'write'].join('/');
  if (verb === 'DELETE') return [namespace, ...types, 'delete'].join('/');
  return undefined;
}

/** The resource an operation acted on: the path without a trailing action name. */
export function operationResourceId(path: string, operationName: string): string {
  return operationName.endsWith('/action') ? path.slice(0, path.lastIndexOf('/')) : path;
}
