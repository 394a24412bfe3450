// An az argv as az's own parser (argparse) reads it: `@file` values replaced by the file's content before
// parsing, `--opt=value`, `-gvalue`, unambiguous prefixes (`--resource-g` is `--resource-group`), aliases
// (`-g`, `-n`), and for repeated options the last value wins. Sources:
// azure-cli src/azure-cli-core/azure/cli/core/commands/__init__.py (_expand_file_prefixed_files) and Python's
// argparse (allow_abbrev defaults to True; knack's CLICommandParser does not change it; `store` keeps the last).
import type { SyntaxNode } from '../../shell';
import { pathRefusal } from '../paths';
import type { Field } from '../values';
import { POLICY_RULES, refuse, type Refusal } from '../types';

export interface AzOption {
  /** As written, lower-cased, without `=value`. */
  written: string;
  /** The option names it may stand for (itself, its long alias, every sensitive option it is a prefix of). */
  names: string[];
  values: Field[];
  /** Offset just after the option word, to insert values after it. */
  end: number;
}

export interface AzCall {
  path: string[];
  options: AzOption[];
  node: SyntaxNode;
  /** Offset after the last argument (to append options). */
  end: number;
  text: string;
}

/** Options the rules look at; a written prefix of one of them counts as that option too. */
const SENSITIVE = [
  '--subscription',
  '--resource-group',
  '--name',
  '--ids',
  '--id',
  '--scope',
  '--scopes',
  '--url',
  '--uri',
  '--method',
  '--resource-id',
  '--resource',
  '--role',
  '--assignee',
  '--assignee-object-id',
  '--tags',
  '--set',
  '--add',
  '--vault-name',
  '--account-name',
  '--headers',
  '--skip-authorization-header',
  '--output-file',
  '--body',
  '--action',
  '--service-name',
  '--display-name',
  '--app-id',
  '--object-id',
  '--group',
  '--query',
  '--filter',
  '--all',
  '--condition',
  '--template-file',
  '--template-uri',
  '--parameters',
];

const SHORT_ALIASES: Record<string, string> = {
  '-g': '--resource-group',
  '-n': '--name',
  '-l': '--location',
  '-o': '--output',
};
const REST_ALIASES: Record<string, string> = { '-u': '--url', '-m': '--method', '-b': '--body' };

function namesFor(written: string, path: string[]): string[] {
  if (path[0] === 'rest' && REST_ALIASES[written]) return [REST_ALIASES[written]!];
  if (path[0] === 'account' && path[1] === 'set' && (written === '-s' || written === '-n'))
    return ['--subscription'];
  if (SHORT_ALIASES[written]) return [SHORT_ALIASES[written]!];
  if (!written.startsWith('--')) return [written];
  return [...new Set([written, ...SENSITIVE.filter((s) => s.startsWith(written))])];
}

/** `@path` (or `key=@path`) is replaced by az with the file's content; the path itself must be a step's file. */
function fileValue(field: Field): Field | Refusal {
  if (field.kind !== 'text') return field;
  const eq = field.text.indexOf('=');
  const candidate = eq >= 0 ? field.text.slice(eq + 1) : field.text;
  if (!candidate.startsWith('@') || candidate.length < 2) return field;
  const path = candidate.slice(1);
  if (path !== '-') {
    const refusal = pathRefusal(path);
    if (refusal) return refusal;
  }
  return {
    kind: 'dynamic',
    why: `the content of ${path === '-' ? 'standard input' : path} (az reads @files)`,
    owned: false,
    splits: false,
    end: field.end,
  };
}

/** Options that take no value: a run-time value after one would be read as an argument or an option. */
const FLAGS = new Set([
  '--yes',
  '-y',
  '--no-wait',
  '--debug',
  '--verbose',
  '--only-show-errors',
  '--force',
  '--all',
  '--help',
  '-h',
  '--no-prompt',
  '--overwrite',
  '--enable',
  '--disable',
]);

/** Options whose value az reads as a local file (besides any @file). */
const FILE_OPTION =
  /^--([a-z-]*-)?(file|custom-data|ssh-key-values?|certificate|cert|scripts|source|destination|dest|dir|directory)$/;

const isOptionWord = (f: Field): boolean =>
  f.kind === 'text' && f.text.startsWith('-') && f.text !== '-' && f.text !== '--' && !/^-[0-9]/.test(f.text);

export function parseAz(node: SyntaxNode, args: Field[], source: string): AzCall | Refusal {
  const path: string[] = [];
  let i = 0;
  for (; i < args.length && !isOptionWord(args[i]!); i++) {
    const f = args[i]!;
    if (f.kind !== 'text' || f.text.startsWith('@'))
      return refuse(
        POLICY_RULES.unresolved,
        `the az command name is decided at run time (${f.kind === 'text' ? f.text : f.why})`,
      );
    path.push(f.text.toLowerCase());
  }
  const options: AzOption[] = [];
  for (; i < args.length; i++) {
    const f = args[i]!;
    if (isOptionWord(f) && f.kind === 'text') {
      let written = f.text.toLowerCase();
      let inline: string | undefined;
      const eq = f.text.indexOf('=');
      if (eq > 0) {
        written = f.text.slice(0, eq).toLowerCase();
        inline = f.text.slice(eq + 1);
      } else if (!f.text.startsWith('--') && f.text.length > 2) {
        written = f.text.slice(0, 2).toLowerCase();
        inline = f.text.slice(2).replace(/^=/, '');
      }
      const option: AzOption = { written, names: namesFor(written, path), values: [], end: f.end };
      if (inline !== undefined) {
        const value = fileValue({ kind: 'text', text: inline, end: f.end });
        if ('rule' in value) return value;
        option.values.push(value);
      }
      options.push(option);
      continue;
    }
    const current = options[options.length - 1];
    if (!current)
      return refuse(
        POLICY_RULES.unresolved,
        `az argument ${f.kind === 'text' ? `"${f.text}"` : f.why} comes before any option`,
      );
    if (f.kind === 'dynamic' && (f.splits || current.values.length > 0 || FLAGS.has(current.written)))
      return refuse(
        POLICY_RULES.unresolved,
        `az argument ${f.why} is decided at run time and ${f.splits ? 'is unquoted (it may become several arguments or an option)' : 'follows another value (it could be read as an option)'}; quote it and pass it right after its option`,
      );
    const value = fileValue(f);
    if ('rule' in value) return value;
    if (
      value.kind === 'text' &&
      FILE_OPTION.test(current.written) &&
      /^(\/|~|\.\.?\/)/.test(value.text) &&
      !/^\/(subscriptions|providers)\//i.test(value.text)
    ) {
      const refusal = pathRefusal(value.text);
      if (refusal) return refusal;
    }
    current.values.push(value);
  }
  const last = args[args.length - 1];
  return { path, options, node, end: last ? last.end : node.end, text: source.slice(node.start, node.end) };
}

/** Every value given to any option that may be `name` (all occurrences: ownership must hold for each). */
export function allValues(call: AzCall, ...names: string[]): Field[] {
  return call.options.filter((o) => o.names.some((n) => names.includes(n))).flatMap((o) => o.values);
}

/** The values az will use for `name`: those of its last occurrence. */
export function effectiveValues(call: AzCall, ...names: string[]): Field[] | undefined {
  const matching = call.options.filter((o) => o.names.some((n) => names.includes(n)));
  return matching[matching.length - 1]?.values;
}

export function hasOption(call: AzCall, ...names: string[]): boolean {
  return call.options.some((o) => o.names.some((n) => names.includes(n)));
}

export const fieldText = (f: Field): string => (f.kind === 'text' ? f.text : f.why);
