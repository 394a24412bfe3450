// argv → command words and options, the way az reads them: words until the first flag, then every
// flag takes the words up to the next flag (`--tags a=1 b=2`, `--scopes x y`).

export interface ParsedArgs {
  /** Command words, lower-cased: `['network', 'vnet', 'subnet', 'create']`. */
  path: string[];
  /** Long option name without dashes (short aliases expanded) → its values; a bare switch has []. */
  options: Map<string, string[]>;
}

const SHORT: Record<string, string> = {
  n: 'name',
  g: 'resource-group',
  l: 'location',
  o: 'output',
  h: 'help',
  y: 'yes',
};

export function parseArgs(argv: string[]): ParsedArgs {
  const path: string[] = [];
  const options = new Map<string, string[]>();
  let i = 0;
  while (i < argv.length && !argv[i].startsWith('-')) path.push(argv[i++].toLowerCase());
  let current: string | undefined;
  for (; i < argv.length; i++) {
    const word = argv[i];
    const flag = /^(--?)([A-Za-z][\w-]*)(?:=(.*))?$/s.exec(word);
    if (flag) {
      const raw = flag[2].toLowerCase();
      current = flag[1] === '-' ? (SHORT[raw] ?? raw) : raw;
      const values = options.get(current) ?? [];
      if (flag[3] !== undefined) values.push(flag[3]);
      options.set(current, values);
    } else if (current !== undefined) {
      options.get(current)!.push(word);
    } else {
      path.push(word.toLowerCase());
    }
  }
  return { path, options };
}

/** The first value of the first option present, e.g. `opt(args, 'name', 'account-name')`. */
export function opt(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const name of names) {
    const values = args.options.get(name);
    if (values && values.length > 0) return values[0];
  }
  return undefined;
}

export const has = (args: ParsedArgs, name: string): boolean => args.options.has(name);

/** `--tags a=1 b=2` (also `a=1` alone, or `--tags ""` for none) → a tag map. */
export function tagsOption(args: ParsedArgs, name = 'tags'): Record<string, string> | undefined {
  const values = args.options.get(name);
  if (!values) return undefined;
  const tags: Record<string, string> = {};
  for (const value of values.filter((v) => v.length > 0)) {
    const eq = value.indexOf('=');
    if (eq < 0) tags[value] = '';
    else tags[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return tags;
}
