// Azure naming rules for the resource types scenarios create most (Azure's "naming rules and restrictions"
// page), checked on the name a run would produce.

export interface NameRule {
  resource: string;
  min: number;
  max: number;
  pattern: RegExp;
  describe: string;
}

const lowerAlnum = /^[a-z0-9]+$/;
const alnum = /^[a-zA-Z0-9]+$/;
const alnumHyphen = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const lowerAlnumHyphen = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Keyed by the az command path that creates the resource. */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'group create': {
    resource: 'resource group',
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    describe: 'letters, digits, -, _, ., ( ), not ending in .',
  },
  'storage account create': {
    resource: 'storage account',
    min: 3,
    max: 24,
    pattern: lowerAlnum,
    describe: 'lower-case letters and digits only',
  },
  'keyvault create': {
    resource: 'key vault',
    min: 3,
    max: 24,
    pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    describe: 'letters, digits and single hyphens, starting with a letter',
  },
  'acr create': {
    resource: 'container registry',
    min: 5,
    max: 50,
    pattern: alnum,
    describe: 'letters and digits only',
  },
  'webapp create': {
    resource: 'web app',
    min: 2,
    max: 60,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'functionapp create': {
    resource: 'function app',
    min: 2,
    max: 60,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'appservice plan create': {
    resource: 'App Service plan',
    min: 1,
    max: 60,
    pattern: /^[a-zA-Z0-9-]+$/,
    describe: 'letters, digits and hyphens',
  },
  'sql server create': {
    resource: 'SQL server',
    min: 1,
    max: 63,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'cosmosdb create': {
    resource: 'Cosmos DB account',
    min: 3,
    max: 44,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'postgres flexible-server create': {
    resource: 'PostgreSQL server',
    min: 3,
    max: 63,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'mysql flexible-server create': {
    resource: 'MySQL server',
    min: 3,
    max: 63,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'redis create': {
    resource: 'Redis cache',
    min: 1,
    max: 63,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'aks create': {
    resource: 'AKS cluster',
    min: 1,
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*[a-zA-Z0-9]$|^[a-zA-Z0-9]$/,
    describe: 'letters, digits, _ and -',
  },
  'vm create': {
    resource: 'virtual machine',
    min: 1,
    max: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9_]$|^[a-zA-Z0-9]$/,
    describe: 'letters, digits, ., _ and -',
  },
  'network vnet create': {
    resource: 'virtual network',
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][\w.-]*\w$/,
    describe: 'letters, digits, _, . and -',
  },
  'eventhubs namespace create': {
    resource: 'Event Hubs namespace',
    min: 6,
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    describe: 'letters, digits and hyphens, starting with a letter',
  },
  'servicebus namespace create': {
    resource: 'Service Bus namespace',
    min: 6,
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    describe: 'letters, digits and hyphens, starting with a letter',
  },
  'cognitiveservices account create': {
    resource: 'Cognitive Services account',
    min: 2,
    max: 64,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'monitor log-analytics workspace create': {
    resource: 'Log Analytics workspace',
    min: 4,
    max: 63,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'search service create': {
    resource: 'search service',
    min: 2,
    max: 60,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'container create': {
    resource: 'container group',
    min: 1,
    max: 63,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'apim create': {
    resource: 'API Management service',
    min: 1,
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$|^[a-zA-Z]$/,
    describe: 'letters, digits and hyphens, starting with a letter',
  },
  'appconfig create': {
    resource: 'App Configuration store',
    min: 5,
    max: 50,
    pattern: alnumHyphen,
    describe: 'letters, digits and hyphens',
  },
  'signalr create': {
    resource: 'SignalR service',
    min: 3,
    max: 63,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    describe: 'letters, digits and hyphens, starting with a letter',
  },
  'synapse workspace create': {
    resource: 'Synapse workspace',
    min: 1,
    max: 50,
    pattern: lowerAlnumHyphen,
    describe: 'lower-case letters, digits and hyphens',
  },
  'batch account create': {
    resource: 'Batch account',
    min: 3,
    max: 24,
    pattern: lowerAlnum,
    describe: 'lower-case letters and digits only',
  },
  'identity create': {
    resource: 'managed identity',
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9][\w-]*$/,
    describe: 'letters, digits, _ and -',
  },
};

/** Flags that carry the created resource's own name, per command (default --name / -n). */
export function nameFlagsFor(commandPath: string): string[] {
  if (commandPath === 'group create') return ['--name', '-n', '--resource-group', '-g'];
  if (commandPath === 'monitor log-analytics workspace create') return ['--workspace-name', '-n', '--name'];
  if (commandPath === 'storage account create') return ['--name', '-n', '--account-name'];
  return ['--name', '-n'];
}
