// Command groups that Azure CLI extensions add (`az extension add --name …`): a core build answers
// "misspelled or not recognized" for them, which is not the same as a typo. Keyed by command path prefix.
const EXTENSION_COMMAND_GROUPS: Readonly<Record<string, string>> = {
  containerapp: 'containerapp',
  ml: 'ml',
  connectedk8s: 'connectedk8s',
  'k8s-extension': 'k8s-extension',
  'k8s-configuration': 'k8s-configuration',
  'k8s-runtime': 'k8s-runtime',
  connectedmachine: 'connectedmachine',
  arcappliance: 'arcappliance',
  customlocation: 'customlocation',
  'stack-hci': 'stack-hci',
  datafactory: 'datafactory',
  databricks: 'databricks',
  purview: 'purview',
  sentinel: 'sentinel',
  'stream-analytics': 'stream-analytics',
  logic: 'logic',
  healthcareapis: 'healthcareapis',
  'notification-hub': 'notification-hub',
  spring: 'spring',
  'spring-cloud': 'spring-cloud',
  devcenter: 'devcenter',
  dataprotection: 'dataprotection',
  grafana: 'amg',
  elastic: 'elastic',
  quantum: 'quantum',
  fleet: 'fleet',
  load: 'load',
  ssh: 'ssh',
  graph: 'resource-graph',
  automation: 'automation',
  desktopvirtualization: 'desktopvirtualization',
  redisenterprise: 'redisenterprise',
  webpubsub: 'webpubsub',
  'monitor app-insights': 'application-insights',
  'monitor data-collection': 'monitor-control-service',
  'monitor log-analytics solution': 'log-analytics-solution',
  'network front-door': 'front-door',
  'network bastion': 'bastion',
  'network vwan': 'virtual-wan',
  'network vhub': 'virtual-wan',
  'network firewall': 'azure-firewall',
  'network manager': 'virtual-network-manager',
  'vm repair': 'vm-repair',
  'aks draft': 'aks-preview',
  'storage-mover': 'storage-mover',
  costmanagement: 'costmanagement',
  'account alias': 'account',
  scvmm: 'scvmm',
  connectedvmware: 'connectedvmware',
  'site-recovery': 'site-recovery',
  'eventgrid partner': 'eventgrid',
  nginx: 'nginx',
  confcom: 'confcom',
};

/** The extension that provides `commandPath` (its longest known prefix), if any. */
export function extensionFor(commandPath: readonly string[]): string | undefined {
  for (let n = commandPath.length; n > 0; n--) {
    const hit = EXTENSION_COMMAND_GROUPS[commandPath.slice(0, n).join(' ')];
    if (hit) return hit;
  }
  return undefined;
}
