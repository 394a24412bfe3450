import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Rule } from '../rule';
import { lineOf, literalString } from '../syntax-tree';
import type { Violation } from '../violation';

/**
 * "The maximum allowed size of the file is 1,048,576 characters, including line endings."
 * https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-files#loadjsoncontent
 */
export const LOAD_JSON_CONTENT_MAX_CHARACTERS = 1_048_576;

export const loadJsonContentRule: Rule = {
  name: 'load-json-content',
  description:
    "Every loadJsonContent() names, by a literal path, a JSON file that exists, parses and fits Bicep's 1,048,576-character limit.",
  check: ({ files }) =>
    files.flatMap((f) =>
      f.root
        .descendantsOfType('call_expression')
        .filter((call) => call.childForFieldName('function')?.text === 'loadJsonContent')
        .flatMap((call): Violation[] => {
          const at = { file: f.file, line: lineOf(call), rule: 'load-json-content' };
          const path = literalString(call.childForFieldName('arguments')?.namedChildren[0]);
          if (path === undefined)
            return [
              {
                ...at,
                message: 'loadJsonContent() needs a literal path (Bicep resolves it at compile time)',
              },
            ];
          const target = resolve(dirname(f.absolutePath), path);
          if (!existsSync(target))
            return [
              {
                ...at,
                message: `loadJsonContent('${path}') names a file that does not exist next to ${f.file}`,
              },
            ];
          const text = readFileSync(target, 'utf8');
          if (text.length > LOAD_JSON_CONTENT_MAX_CHARACTERS)
            return [
              {
                ...at,
                message: `loadJsonContent('${path}') loads ${text.length} characters; Bicep accepts at most ${LOAD_JSON_CONTENT_MAX_CHARACTERS}`,
              },
            ];
          try {
            JSON.parse(text);
          } catch (error) {
            return [{ ...at, message: `loadJsonContent('${path}') is not valid JSON: ${String(error)}` }];
          }
          return [];
        }),
    ),
};
