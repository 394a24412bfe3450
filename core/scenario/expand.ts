// Bash-like expansion of front-matter variables, used to check names and lengths the way a run would see them.

/** Expands $NAME and ${NAME} from `env`; returns null when the text uses anything it cannot expand. */
export function expandVariables(text: string, env: ReadonlyMap<string, string>): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    let name: string;
    if (text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end === -1) return null;
      name = text.slice(i + 2, end);
      i = end;
    } else {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      name = text.slice(i + 1, j);
      i = j - 1;
    }
    const value = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? env.get(name) : undefined;
    if (value === undefined) return null;
    out += value;
  }
  return out;
}

/** The variable names a text refers to ($NAME / ${NAME}, including ${NAME:-default} forms). */
export function referencedVariables(text: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    const start = text[i + 1] === '{' ? i + 2 : i + 1;
    let j = start;
    while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
    if (j > start && /[A-Za-z_]/.test(text[start]!)) names.push(text.slice(start, j));
  }
  return names;
}
