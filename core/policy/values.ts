// What the policy knows about a shell value: its exact text, or that it is decided at run time (and, for the
// output of a lookup of something the run owns, that it names that run-owned thing).

/** One argument as bash will pass it. */
export type Field =
  | { kind: 'text'; text: string; end: number }
  | {
      kind: 'dynamic';
      /** What makes it unknown, for messages (`$(az …)`, `@file`, `$X`). */
      why: string;
      /** Output of a lookup that can only name something of this run (an id of a run-owned resource or principal). */
      owned: boolean;
      /** Unquoted: bash may split it into several arguments, or none. */
      splits: boolean;
      end: number;
    };

/** One possible value of a variable; a variable may have several (assigned in one branch and not another). */
export type Alt = { kind: 'text'; text: string } | { kind: 'dynamic'; why: string; owned: boolean };

export type Env = Map<string, Alt[]>;

/** At most this many combinations are followed; beyond, a word counts as unknown. */
export const MAX_ALTERNATIVES = 16;

export const text = (value: string): Alt => ({ kind: 'text', text: value });
export const dynamic = (why: string, owned = false): Alt => ({ kind: 'dynamic', why, owned });

export function cloneEnv(env: Env): Env {
  return new Map([...env].map(([k, v]) => [k, [...v]]));
}

const altKey = (a: Alt): string => (a.kind === 'text' ? `t:${a.text}` : `d:${a.owned}:${a.why}`);

export function uniqueAlts(alts: Alt[]): Alt[] {
  const seen = new Map<string, Alt>();
  for (const a of alts) seen.set(altKey(a), a);
  const all = [...seen.values()];
  return all.length > MAX_ALTERNATIVES ? [dynamic('a value with too many possibilities')] : all;
}

/** After a branch that may or may not run: every variable may hold either its old or its new value. */
export function mergeEnvs(base: Env, ...branches: Env[]): Env {
  const names = new Set([...base.keys(), ...branches.flatMap((b) => [...b.keys()])]);
  const unset: Alt = text('');
  const merged: Env = new Map();
  for (const name of names) {
    merged.set(name, uniqueAlts([base, ...branches].flatMap((e) => e.get(name) ?? [unset])));
  }
  return merged;
}

/** Replaces `into`'s content with `from`'s (walks update the caller's environment in place). */
export function replaceEnv(into: Env, from: Env): void {
  into.clear();
  for (const [k, v] of from) into.set(k, v);
}
