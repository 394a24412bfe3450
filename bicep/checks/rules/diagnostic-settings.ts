// Where the project has a Log Analytics workspace, every Key Vault, Service Bus namespace, storage account and
// Function App sends it diagnostics: a diagnosticSettings resource scoped to a resource of that type (for storage,
// its blob or table service, where its logs are), in any file (modules may reference the resource as `existing`).
import type { Rule } from '../rule';
import { lineOf, property, resourceDeclarations } from '../syntax-tree';

const WORKSPACE = 'microsoft.operationalinsights/workspaces';
const DIAGNOSTICS = 'microsoft.insights/diagnosticsettings';
export const DIAGNOSED_TYPES = [
  'Microsoft.KeyVault/vaults',
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Web/sites',
] as const;

/** A child type counts for its parent (storageAccounts/blobServices covers storageAccounts). */
const topType = (type: string) => type.split('/').slice(0, 2).join('/').toLowerCase();

export const diagnosticSettingsRule: Rule = {
  name: 'diagnostic-settings',
  description:
    'With a Log Analytics workspace in the project, Key Vault, Service Bus, Storage and the Function App each have a diagnostic setting.',
  check: ({ files }) => {
    const all = files.flatMap((f) => resourceDeclarations(f.root).map((r) => ({ file: f, r })));
    if (!all.some(({ r }) => !r.existing && r.type.toLowerCase() === WORKSPACE)) return [];
    const covered = new Set<string>();
    for (const f of files) {
      const declarations = resourceDeclarations(f.root);
      const typeOf = new Map(declarations.map((r) => [r.symbol, r.type]));
      for (const r of declarations.filter((d) => d.type.toLowerCase() === DIAGNOSTICS)) {
        const scope = property(r.body, 'scope')?.text;
        const type = scope ? typeOf.get(scope) : undefined;
        if (type) covered.add(topType(type));
      }
    }
    const wanted = new Set(DIAGNOSED_TYPES.map((t) => t.toLowerCase()));
    return all
      .filter(({ r }) => !r.existing && wanted.has(r.type.toLowerCase()) && !covered.has(topType(r.type)))
      .map(({ file, r }) => ({
        file: file.file,
        line: lineOf(r.node),
        rule: 'diagnostic-settings',
        message: `resource '${r.symbol}' (${r.type}) sends no diagnostics: add a Microsoft.Insights/diagnosticSettings scoped to it, to the workspace`,
      }));
  },
};
