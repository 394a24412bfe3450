// Which bench sections and figures a command line asks for, and how fresh figures merge into bench/results.json.

export interface BenchSection {
  name: string;
  /**
   * Figures that can be measured alone, as paths under the section (`scale.s1000` is `npm run bench --
   * workflow.scale.s1000`). A section without them runs whole.
   */
  figures?: readonly string[];
  /** `only`: the figures asked for (undefined: all of them). */
  run(only?: ReadonlySet<string>): Promise<Record<string, unknown>>;
}

export interface BenchRun {
  section: BenchSection;
  only?: ReadonlySet<string>;
}

/** No arguments: every section. Otherwise each argument is a section or `section.figure`; order kept. */
export function selectBench(args: readonly string[], sections: readonly BenchSection[]): BenchRun[] {
  if (args.length === 0) return sections.map((section) => ({ section }));
  const runs = new Map<BenchSection, Set<string> | 'all'>();
  for (const arg of args) {
    const [name, ...rest] = arg.split('.');
    const section = sections.find((s) => s.name === name);
    if (!section) throw new BenchUsageError(`no bench section "${name}"`, sections);
    const figure = rest.join('.');
    const wanted = runs.get(section);
    if (!figure) {
      runs.set(section, 'all');
      continue;
    }
    const matches = (section.figures ?? []).filter((f) => f === figure || f.startsWith(`${figure}.`));
    if (matches.length === 0)
      throw new BenchUsageError(`bench section "${name}" has no figure "${figure}"`, sections);
    if (wanted === 'all') continue;
    runs.set(section, new Set([...(wanted ?? []), ...matches]));
  }
  return [...runs].map(([section, only]) => (only === 'all' ? { section } : { section, only }));
}

export class BenchUsageError extends Error {
  constructor(problem: string, sections: readonly BenchSection[]) {
    const known = sections
      .map((s) =>
        s.figures?.length ? `${s.name} (${s.figures.map((f) => `${s.name}.${f}`).join(', ')})` : s.name,
      )
      .join('; ');
    super(`${problem}. Known: ${known}. Usage: npm run bench [-- <section>[.<figure>] ...]`);
  }
}

type Figures = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Figures => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fresh figures over the ones bench/results.json already holds for the section: a declared figure is replaced
 * whole (no stale field survives), the groups above figures (`scale`) are merged, so measuring `scale.s1000`
 * alone keeps `scale.s300`. A section without declared figures replaces what it returns, key by key.
 */
export function mergeFigures(previous: unknown, fresh: Figures, figures: readonly string[] = []): Figures {
  const merge = (before: unknown, after: Figures, prefix: string): Figures => {
    const out: Figures = isPlainObject(before) ? { ...before } : {};
    for (const [key, value] of Object.entries(after)) {
      const at = prefix ? `${prefix}.${key}` : key;
      const isGroup = figures.some((f) => f.startsWith(`${at}.`));
      out[key] = isGroup && isPlainObject(value) ? merge(out[key], value, at) : value;
    }
    return out;
  };
  return merge(previous, fresh, '');
}
