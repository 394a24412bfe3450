import { CONFIGURATION_KEYS, type ConfigurationKey } from '../../../core/config/keys';
import type { Rule } from '../rule';
import { lineOf, literalString, parameterDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

/** `operationsWindowMinutes` → `OPERATIONS_WINDOW_MINUTES`. */
export const configKeyForParameter = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

// A main.bicep parameter named after a configuration key feeds that app setting; its default must be the one
// core/config would use, or a deployment silently runs with a different value than local mode.
export const configDefaultsRule: Rule = {
  name: 'config-defaults',
  description:
    'Defaults of main.bicep parameters named after configuration keys equal the defaults in core/config.',
  check: ({ files, options }) => {
    const keys: readonly ConfigurationKey[] = options.configurationKeys ?? CONFIGURATION_KEYS;
    const defaults = new Map(
      keys.filter((k) => k.defaultValue !== undefined).map((k) => [k.name, k.defaultValue as string]),
    );
    return files
      .filter((f) => f.file === 'main.bicep')
      .flatMap((f) =>
        parameterDeclarations(f.root).flatMap((p): Violation[] => {
          const key = configKeyForParameter(p.name);
          const expected = defaults.get(key);
          const value = p.defaultValue;
          if (expected === undefined || !value) return [];
          const actual =
            literalString(value) ?? (['number', 'boolean'].includes(value.type) ? value.text : undefined);
          if (actual === undefined || actual === expected) return [];
          return [
            {
              file: f.file,
              line: lineOf(value),
              rule: 'config-defaults',
              message: `parameter '${p.name}' defaults to ${value.text} but core/config's ${key} defaults to '${expected}'; make them agree`,
            },
          ];
        }),
      );
  },
};
