import type { Rule } from '../rule';
import { lineOf, topLevel } from '../syntax-tree';
import type { Violation } from '../violation';

/** Words of an output name: `storageAccountKey` and `STORAGE_ACCOUNT_KEY` both give storage, account, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\W]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Why an output name looks like it carries a secret, or undefined. `KEY_VAULT_URL` is a name, not a key. */
export function secretShapedName(name: string): string | undefined {
  const words = nameWords(name);
  const joined = words.join('');
  if (joined.includes('connectionstring')) return 'connection string';
  for (const [i, word] of words.entries()) {
    if (['secret', 'secrets', 'password', 'pwd', 'sas'].includes(word)) return word;
    if ((word === 'key' || word === 'keys') && words[i + 1] !== 'vault') return word;
  }
  return undefined;
}

// list* functions (listKeys, listSecrets, listConnectionStrings, listAccountSas, ...) return credentials.
const LIST_CALL = /^list[A-Z]/;

export const outputSecretsRule: Rule = {
  name: 'output-secrets',
  description:
    'Outputs carry names and endpoints only: deployment outputs are readable by anyone who can read the deployment.',
  check: ({ files }) =>
    files.flatMap((f) =>
      topLevel(f.root, 'output_declaration').flatMap((output): Violation[] => {
        const name = output.namedChildren[0]?.text ?? '';
        const at = { file: f.file, line: lineOf(output), rule: 'output-secrets' };
        const found: Violation[] = [];
        const shape = secretShapedName(name);
        if (shape)
          found.push({
            ...at,
            message: `output '${name}' is named like a secret (${shape}); output a name or endpoint and let the reader use its identity`,
          });
        for (const call of output.descendantsOfType('call_expression')) {
          const fn = call.childForFieldName('function') ?? call.namedChildren[0];
          const fnName =
            fn?.type === 'member_expression'
              ? (fn.childForFieldName('property')?.text ?? '')
              : (fn?.text ?? '');
          if (LIST_CALL.test(fnName))
            found.push({
              ...at,
              line: lineOf(call),
              message: `output '${name}' calls ${fnName}(), which returns credentials; remove it from the outputs`,
            });
        }
        return found;
      }),
    ),
};
