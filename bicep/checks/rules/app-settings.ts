import { CONFIGURATION_KEYS, type ConfigurationKey } from '../../../core/config/keys';
import { HOST_SETTINGS, KEYS_NOT_SET_IN_AZURE } from '../app-setting-names';
import type { Rule } from '../rule';
import { lineOf, literalString, property, propertyPath, resourceDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

export interface AppSetting {
  name: string;
  line: number;
}

/** The literal `name:` of each `{ name, value }` entry in `properties.siteConfig.appSettings`. */
export function appSettingsOf(body: Parameters<typeof property>[0]): AppSetting[] | undefined {
  const list = propertyPath(body, 'properties', 'siteConfig', 'appSettings');
  if (!list || list.type !== 'array') return undefined;
  return list.namedChildren
    .filter((entry) => entry.type === 'object')
    .map((entry) => {
      const nameNode = property(entry, 'name');
      return {
        name: literalString(nameNode) ?? `<non-literal ${nameNode?.text ?? 'name'}>`,
        line: lineOf(entry),
      };
    });
}

export const appSettingsRule: Rule = {
  name: 'app-settings',
  description:
    'The Function App sets exactly the configuration keys core/config reads (minus the documented local-only ones) plus the host identity settings; never a secret-bearing key.',
  check: ({ files, options }) => {
    const keys: readonly ConfigurationKey[] = options.configurationKeys ?? CONFIGURATION_KEYS;
    const keyNames = new Set(keys.map((k) => k.name));
    const secretKeys = new Set(keys.filter((k) => k.secret).map((k) => k.name));
    const expected = keys
      .map((k) => k.name)
      .filter((n) => !(n in KEYS_NOT_SET_IN_AZURE) && !secretKeys.has(n));
    const violations: Violation[] = [];
    let sites = 0;
    for (const f of files) {
      for (const r of resourceDeclarations(f.root)) {
        if (r.existing || r.type.toLowerCase() !== 'microsoft.web/sites') continue;
        const kind = literalString(property(r.body, 'kind')) ?? '';
        if (!kind.includes('functionapp')) continue;
        sites += 1;
        const at = { file: f.file, rule: 'app-settings' };
        const settings = appSettingsOf(r.body);
        if (!settings) {
          violations.push({
            ...at,
            line: lineOf(r.node),
            message: `function app '${r.symbol}' has no literal properties.siteConfig.appSettings array; list the settings there so they can be checked`,
          });
          continue;
        }
        const seen = new Map<string, number>();
        for (const s of settings) {
          if (seen.has(s.name))
            violations.push({
              ...at,
              line: s.line,
              message: `app setting '${s.name}' is set twice (also line ${seen.get(s.name)}); keep one`,
            });
          seen.set(s.name, s.line);
          if (secretKeys.has(s.name))
            violations.push({
              ...at,
              line: s.line,
              message: `app setting '${s.name}' carries a secret; use the identity-based setting instead (see core/config/keys.ts)`,
            });
          else if (!keyNames.has(s.name) && !(s.name in HOST_SETTINGS))
            violations.push({
              ...at,
              line: s.line,
              message: `app setting '${s.name}' is not a key core/config reads nor a host setting; fix its name, or add the key to core/config/keys.ts and docs/ARCHITECTURE.md`,
            });
        }
        for (const name of expected.filter((n) => !seen.has(n)))
          violations.push({
            ...at,
            line: lineOf(r.node),
            message: `function app '${r.symbol}' does not set '${name}', which core/config reads; add it to appSettings (or to KEYS_NOT_SET_IN_AZURE with a reason)`,
          });
      }
    }
    if (sites === 0 && options.requireFunctionApp)
      violations.push({
        file: 'main.bicep',
        line: 1,
        rule: 'app-settings',
        message:
          "no Microsoft.Web/sites resource of kind 'functionapp' found; the app settings cannot be compared with core/config",
      });
    return violations;
  },
};
