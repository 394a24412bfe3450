// Children Azure keeps for every parent without anyone creating them: a web app's configuration documents
// (sites/{name}/config/web, appsettings, logs, slotConfigNames, connectionstrings; WebApps_GetConfiguration,
// _ListApplicationSettings, _GetDiagnosticLogsConfiguration, _ListSlotConfigurationNames) exist as soon as the site
// does, empty until written. A GET or list action on one answers it; a PUT stores it like any child.
import type { ParsedResourceId } from './resource-id';
import { idKey } from './resource-id';
import type { ArmResource, ArmState } from './store';

const webConfigNames = ['web', 'appsettings', 'logs', 'slotconfignames', 'connectionstrings'];
const implicitNames: Record<string, string[]> = {
  'microsoft.web/sites/config': webConfigNames,
  'microsoft.web/sites/slots/config': webConfigNames,
};

/** The stored resource, or the implicit child Azure would answer with; undefined when neither exists. */
export function storedOrImplicit(
  state: ArmState,
  parsed: ParsedResourceId,
  id: string,
): ArmResource | undefined {
  const stored = state.resources[idKey(id)];
  if (stored || !parsed.parentId) return stored;
  if (!implicitNames[parsed.type.toLowerCase()]?.includes(parsed.name.toLowerCase())) return undefined;
  const parent = state.resources[idKey(parsed.parentId)];
  if (!parent) return undefined;
  return {
    id: `${parent.id}/${parsed.type.split('/').pop()}/${parsed.name}`,
    name: parsed.name,
    type: parsed.type,
    location: parent.location,
    properties: {},
    subscriptionId: parent.subscriptionId,
    resourceGroup: parent.resourceGroup,
    apiVersion: parent.apiVersion,
    createdAt: parent.createdAt,
    changedAt: parent.changedAt,
  };
}
