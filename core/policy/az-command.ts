// The shape of an `az` invocation: its command path (`storage account create`) and its options.
import type { Word } from './shell-words';

export interface AzCommand {
  path: string[];
  /** Option name (as written, e.g. `--name`, `-n`) → the values that follow it. */
  options: Map<string, string[]>;
  /** The word each option was written as, for inserting after it. */
  optionWords: Map<string, Word>;
  /** Every argument after the program name, expanded. */
  args: string[];
  lastWord: Word;
}

export function parseAz(argv: Word[], expand: (value: string) => string): AzCommand {
  const path: string[] = [];
  const options = new Map<string, string[]>();
  const optionWords = new Map<string, Word>();
  let i = 1;
  while (i < argv.length && !argv[i].value.startsWith('-')) path.push(argv[i++].value.toLowerCase());
  let current: string | undefined;
  for (; i < argv.length; i++) {
    const value = argv[i].value;
    if (/^--?[A-Za-z]/.test(value)) {
      const eq = value.indexOf('=');
      const name = (eq > 0 ? value.slice(0, eq) : value).toLowerCase();
      current = name;
      if (!options.has(name)) options.set(name, []);
      optionWords.set(name, argv[i]);
      if (eq > 0) options.get(name)?.push(expand(value.slice(eq + 1)));
      continue;
    }
    if (current) options.get(current)?.push(expand(value));
  }
  return {
    path,
    options,
    optionWords,
    args: argv.slice(1).map((w) => expand(w.value)),
    lastWord: argv[argv.length - 1],
  };
}

export function optionValues(cmd: AzCommand, ...names: string[]): string[] {
  return names.flatMap((n) => cmd.options.get(n) ?? []);
}
