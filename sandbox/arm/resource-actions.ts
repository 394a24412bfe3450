// The resource actions the sandbox performs (POST …/{resource id}/{action}) and what each answers, from the REST
// specifications (https://github.com/Azure/azure-rest-api-specs, specification/<service>/resource-manager). ARM
// authorizes `<type>/<action>/action` at the resource and records the call in the Activity Log like any write.
// An action not listed here is refused rather than pretended (see action-routes.ts).
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../core/service';
import { idKey } from './resource-id';
import { armState, type ArmResource } from './store';

export interface ActionAnswer {
  status: number;
  body?: unknown;
}

type ActionHandler = (ctx: ServiceContext, resource: ArmResource, body: unknown) => ActionAnswer;

const newKey = () => randomBytes(32).toString('base64');

/** A resource's access keys (secrets: kept with the ARM state, shown only by list/regenerate actions). */
function keysOf(ctx: ServiceContext, resource: ArmResource, names: string[]): Record<string, string> {
  const state = armState(ctx);
  state.accessKeys ??= {};
  const keys = (state.accessKeys[idKey(resource.id)] ??= {});
  for (const name of names) keys[name] ??= newKey();
  return keys;
}

function regenerate(ctx: ServiceContext, resource: ArmResource, names: string[], which: string): void {
  const keys = keysOf(ctx, resource, names);
  const name = names.find((n) => n.toLowerCase() === which.toLowerCase());
  if (name) keys[name] = newKey();
}

const field = (body: unknown, name: string): string =>
  String((body as Record<string, unknown> | undefined)?.[name] ?? '');

const done: ActionHandler = () => ({ status: 200 });

/** Storage StorageAccounts_ListKeys / _RegenerateKey: `{ keys: [{ keyName, value, permissions, creationTime }] }`. */
const storageKeys: ActionHandler = (ctx, resource) => {
  const keys = keysOf(ctx, resource, ['key1', 'key2']);
  const creationTime = new Date(resource.createdAt).toISOString();
  return {
    status: 200,
    body: {
      keys: Object.entries(keys).map(([keyName, value]) => ({
        keyName,
        value,
        permissions: 'FULL',
        creationTime,
      })),
    },
  };
};

/** Cognitive Services Accounts_ListKeys / _RegenerateKey: `{ key1, key2 }`. */
const cognitiveKeys: ActionHandler = (ctx, resource) => {
  const keys = keysOf(ctx, resource, ['key1', 'key2']);
  return { status: 200, body: { key1: keys.key1, key2: keys.key2 } };
};

const sasNames = ['primaryKey', 'secondaryKey'];

/** Service Bus / Event Hubs *AuthorizationRules_ListKeys / _RegenerateKeys: AccessKeys. */
const sasKeys: ActionHandler = (ctx, resource) => {
  const keys = keysOf(ctx, resource, sasNames);
  const namespace = resource.id.split('/namespaces/')[1]?.split('/')[0] ?? '';
  // An entity's rule (queue, topic, event hub) names the entity; a namespace rule does not.
  const entity = /\/(?:queues|topics|eventhubs)\/([^/]+)\/authorizationRules\//i.exec(resource.id)?.[1];
  const connection = (key: string) =>
    `Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=${resource.name};SharedAccessKey=${key}${entity ? `;EntityPath=${entity}` : ''}`;
  return {
    status: 200,
    body: {
      primaryConnectionString: connection(keys.primaryKey),
      secondaryConnectionString: connection(keys.secondaryKey),
      primaryKey: keys.primaryKey,
      secondaryKey: keys.secondaryKey,
      keyName: resource.name,
    },
  };
};

const sasRule: Record<string, ActionHandler> = {
  listkeys: sasKeys,
  regeneratekeys: (ctx, resource, body) => {
    // RegenerateAccessKeyParameters.keyType: PrimaryKey | SecondaryKey.
    regenerate(ctx, resource, sasNames, field(body, 'keyType'));
    return sasKeys(ctx, resource, body);
  },
};

/** A configuration document's settings (WebApps_ListApplicationSettings…: StringDictionary). */
const configList: ActionHandler = (_ctx, resource) => {
  const { provisioningState: _state, ...properties } = resource.properties;
  return { status: 200, body: { id: resource.id, name: resource.name, type: resource.type, properties } };
};

/** Lower-case resource type → lower-case action name → handler. */
export const resourceActions: Record<string, Record<string, ActionHandler>> = {
  // web/resource-manager/Microsoft.Web/stable/*/WebApps.json: WebApps_Restart, _Start, _Stop, _SwapSlot.
  'microsoft.web/sites': { restart: done, start: done, stop: done },
  'microsoft.web/sites/slots': { restart: done, start: done, stop: done, slotsswap: done },
  // POST sites/{name}/config/appsettings/list (and connectionstrings): Microsoft.Web/sites/config/list/action.
  'microsoft.web/sites/config': { list: configList },
  'microsoft.web/sites/slots/config': { list: configList },
  // storage/resource-manager/Microsoft.Storage/stable/*/storage.json: StorageAccounts_ListKeys, _RegenerateKey.
  'microsoft.storage/storageaccounts': {
    listkeys: storageKeys,
    regeneratekey: (ctx, resource, body) => {
      regenerate(ctx, resource, ['key1', 'key2'], field(body, 'keyName'));
      return storageKeys(ctx, resource, body);
    },
  },
  // cognitiveservices/…/cognitiveservices.json: Accounts_ListKeys, Accounts_RegenerateKey ({ keyName: Key1|Key2 }).
  'microsoft.cognitiveservices/accounts': {
    listkeys: cognitiveKeys,
    regeneratekey: (ctx, resource, body) => {
      regenerate(ctx, resource, ['key1', 'key2'], field(body, 'keyName'));
      return cognitiveKeys(ctx, resource, body);
    },
  },
  // cosmos-db/…/cosmos-db.json: DatabaseAccounts_ListKeys, DatabaseAccounts_RegenerateKey ({ keyKind }) answers
  // no body.
  'microsoft.documentdb/databaseaccounts': {
    listkeys: (ctx, resource) => {
      const k = keysOf(ctx, resource, ['primary', 'secondary', 'primaryReadonly', 'secondaryReadonly']);
      return {
        status: 200,
        body: {
          primaryMasterKey: k.primary,
          secondaryMasterKey: k.secondary,
          primaryReadonlyMasterKey: k.primaryReadonly,
          secondaryReadonlyMasterKey: k.secondaryReadonly,
        },
      };
    },
    regeneratekey: (ctx, resource, body) => {
      regenerate(
        ctx,
        resource,
        ['primary', 'secondary', 'primaryReadonly', 'secondaryReadonly'],
        field(body, 'keyKind'),
      );
      return { status: 200 };
    },
  },
  // servicebus/…/AuthorizationRules.json and eventhub/…/AuthorizationRules.json.
  'microsoft.servicebus/namespaces/authorizationrules': sasRule,
  'microsoft.servicebus/namespaces/queues/authorizationrules': sasRule,
  'microsoft.servicebus/namespaces/topics/authorizationrules': sasRule,
  'microsoft.eventhub/namespaces/authorizationrules': sasRule,
  'microsoft.eventhub/namespaces/eventhubs/authorizationrules': sasRule,
  // compute/…/virtualMachine.json: VirtualMachines_Restart, _Start, _PowerOff, _Deallocate; runCommand.json:
  // VirtualMachines_RunCommand answers RunCommandResult { value: InstanceViewStatus[] }.
  'microsoft.compute/virtualmachines': {
    restart: done,
    start: done,
    poweroff: done,
    deallocate: done,
    runcommand: () => ({
      status: 200,
      body: {
        value: [
          {
            code: 'ProvisioningState/succeeded',
            level: 'Info',
            displayStatus: 'Provisioning succeeded',
            message: 'Enable succeeded: \n[stdout]\n\n[stderr]\n',
          },
        ],
      },
    }),
  },
  // containerregistry/…/containerregistry.json: Registries_ImportImage; Webhooks_Ping answers EventInfo { id },
  // Webhooks_ListEvents an EventListResult.
  'microsoft.containerregistry/registries': { importimage: done },
  'microsoft.containerregistry/registries/webhooks': {
    ping: (ctx) => ({ status: 200, body: { id: ctx.ids.guid() } }),
    listevents: () => ({ status: 200, body: { value: [] } }),
  },
};

export function findAction(type: string, action: string): ActionHandler | undefined {
  return resourceActions[type.toLowerCase()]?.[action.toLowerCase()];
}
