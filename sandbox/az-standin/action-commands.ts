// Verbs that az carries out as a resource action: a POST to `{resource id}/{action}` (the Activity Log records
// `{type}/{action}/action`), with the request body az builds and what az prints of the answer. Sources: the az CLI
// command modules (https://github.com/Azure/azure-cli, src/azure-cli/azure/cli/command_modules/<module>/custom.py)
// and the REST operation each calls (azure-rest-api-specs, see sandbox/arm/resource-actions.ts).
import { opt } from './args';
import { ok, restError } from './http-client';
import type { CommandIo } from './io';
import type { ResourceTarget } from './resource-commands';

export interface StandinAction {
  /** The action segment POSTed after the target's id. */
  action: string;
  body?: (io: CommandIo) => unknown;
  /** What az prints of the answer; without it az prints nothing (the SDK call returns None). */
  print?: (answer: unknown) => unknown;
}

const answer = (x: unknown) => x;
const field = (name: string) => (x: unknown) => (x as Record<string, unknown> | undefined)?.[name];

const plain = (action: string): StandinAction => ({ action });

/** `--key primary|secondary` → the storage key name (appservice/storage: `keyName` key1|key2). */
const storageKeyName = (io: CommandIo) =>
  /^secondary$/i.test(opt(io.args, 'key') ?? '') ? 'key2' : (opt(io.args, 'key') ?? 'key1');

const sasRenew: StandinAction = {
  // servicebus/eventhubs `authorization-rule keys renew --key PrimaryKey|SecondaryKey` → regenerateKeys.
  action: 'regenerateKeys',
  body: (io) => ({ keyType: opt(io.args, 'key') }),
  print: answer,
};
const sasList: StandinAction = { action: 'listKeys', print: answer };

/** Command path (group + verb words) → the action it performs. */
export const actionCommands: Record<string, StandinAction> = {
  // appservice custom.py: restart_webapp / start_webapp / stop_webapp → WebApps.restart|start|stop.
  'webapp restart': plain('restart'),
  'webapp start': plain('start'),
  'webapp stop': plain('stop'),
  'functionapp restart': plain('restart'),
  'functionapp start': plain('start'),
  'functionapp stop': plain('stop'),
  // appservice custom.py swap_slot: WebApps.begin_swap_slot → POST sites/{name}/slots/{slot}/slotsswap.
  'webapp deployment slot swap': {
    action: 'slotsswap',
    body: (io) => ({ targetSlot: opt(io.args, 'target-slot') ?? 'production', preserveVnet: true }),
  },
  // cognitiveservices custom.py: keys regenerate → Accounts.regenerate_key(key_name); keys list → list_keys.
  'cognitiveservices account keys regenerate': {
    action: 'regenerateKey',
    body: (io) => ({ keyName: opt(io.args, 'key-name') }),
    print: answer,
  },
  'cognitiveservices account keys list': { action: 'listKeys', print: answer },
  // storage: keys renew → StorageAccounts.regenerate_key, keys list → list_keys; both print `.keys`.
  'storage account keys renew': {
    action: 'regenerateKey',
    body: (io) => ({ keyName: storageKeyName(io) }),
    print: field('keys'),
  },
  'storage account keys list': { action: 'listKeys', print: field('keys') },
  // cosmosdb: keys regenerate → DatabaseAccounts.begin_regenerate_key({keyKind}); keys list → list_keys.
  'cosmosdb keys regenerate': {
    action: 'regenerateKey',
    body: (io) => ({ keyKind: opt(io.args, 'key-kind') }),
  },
  'cosmosdb keys list': { action: 'listKeys', print: answer },
  'servicebus namespace authorization-rule keys renew': sasRenew,
  'servicebus namespace authorization-rule keys list': sasList,
  'servicebus queue authorization-rule keys renew': sasRenew,
  'servicebus queue authorization-rule keys list': sasList,
  'servicebus topic authorization-rule keys renew': sasRenew,
  'servicebus topic authorization-rule keys list': sasList,
  'eventhubs eventhub authorization-rule keys renew': sasRenew,
  'eventhubs eventhub authorization-rule keys list': sasList,
  // vm custom.py: restart_vm, start, stop (power_off), deallocate; run-command invoke → VirtualMachines.run_command
  // with RunCommandInput { commandId, script, parameters } and prints the RunCommandResult.
  'vm restart': plain('restart'),
  'vm start': plain('start'),
  'vm stop': plain('powerOff'),
  'vm deallocate': plain('deallocate'),
  'vm run-command invoke': {
    action: 'runCommand',
    body: (io) => ({
      commandId: opt(io.args, 'command-id'),
      script: io.args.options.get('scripts') ?? [],
      parameters: (io.args.options.get('parameters') ?? []).map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? { name: p, value: '' } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
      }),
    }),
    print: answer,
  },
  // acr import.py: Registries.begin_import_image(ImportImageParameters { source, targetTags, mode }).
  'acr import': {
    action: 'importImage',
    body: (io) => {
      const source = opt(io.args, 'source') ?? '';
      const slash = source.indexOf('/');
      const registryUri =
        slash > 0 && /[.:]/.test(source.slice(0, slash)) ? source.slice(0, slash) : undefined;
      return {
        source: {
          ...(registryUri ? { registryUri } : {}),
          sourceImage: registryUri ? source.slice(slash + 1) : source,
        },
        targetTags: io.args.options.get('image') ?? [],
        mode: io.args.options.has('force') ? 'Force' : 'NoForce',
      };
    },
  },
  // acr webhook.py: ping → Webhooks.ping (EventInfo), list-events → Webhooks.list_events (a paged list).
  'acr webhook ping': { action: 'ping', print: answer },
  'acr webhook list-events': { action: 'listEvents', print: field('value') },
};

export async function runAction(io: CommandIo, t: ResourceTarget, action: StandinAction): Promise<unknown> {
  const r = await io.http.arm(
    'POST',
    `${io.ctx.arm}${t.id}/${action.action}?api-version=${t.apiVersion}`,
    action.body?.(io),
  );
  if (!ok(r)) throw restError(r, `POST ${t.id}/${action.action}`);
  return action.print ? action.print(r.body) : undefined;
}
