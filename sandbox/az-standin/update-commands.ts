// Verbs az carries out as a read-modify-write of the resource (GET, change, PUT: the Activity Log records
// `{type}/write`), with the change each makes. Sources: the az CLI command modules
// (https://github.com/Azure/azure-cli, src/azure-cli/azure/cli/command_modules/<module>/custom.py).
import { opt } from './args';
import type { CommandIo } from './io';
import type { ArmJson } from './resource-view';

type Change = (resource: ArmJson, io: CommandIo) => void;

const props = (resource: ArmJson): Record<string, unknown> => (resource.properties ??= {});

/** Adds an IP rule (`--ip-address`) or a subnet rule (`--subnet`) to `properties.networkAcls`. */
const addNetworkRule: Change = (resource, io) => {
  const acls = (props(resource).networkAcls ??= {}) as Record<string, unknown[]>;
  const ip = opt(io.args, 'ip-address');
  const subnet = opt(io.args, 'subnet');
  if (ip) acls.ipRules = [...(acls.ipRules ?? []), { value: ip }];
  if (subnet) acls.virtualNetworkRules = [...(acls.virtualNetworkRules ?? []), { id: subnet }];
};

/** Command path (group + verb words) → the change it writes. */
export const updateCommands: Record<string, Change> = {
  // vm module: scale_vmss sets sku.capacity and writes the scale set back (VirtualMachineScaleSets.create_or_update).
  'vmss scale': (resource, io) => {
    resource.sku = {
      ...((resource.sku as object | undefined) ?? {}),
      capacity: Number(opt(io.args, 'new-capacity')),
    };
  },
  // acs module: aks_agentpool_scale sets the pool's count and writes it back (AgentPools.create_or_update).
  'aks nodepool scale': (resource, io) => {
    props(resource).count = Number(opt(io.args, 'node-count'));
  },
  // cognitiveservices custom.py add_network_rule; keyvault custom.py add_network_rule: both update networkAcls.
  'cognitiveservices account network-rule add': addNetworkRule,
  'keyvault network-rule add': addNetworkRule,
};
