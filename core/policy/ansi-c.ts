// Bash's $'…' quoting: the escapes are decoded before the command runs, so `$'\x61\x7a'` is the program `az`.
const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** The decoded text, or undefined for an escape the policy does not model (\c control characters). */
export function decodeAnsiC(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
    } else if (next === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 2))?.[0];
      if (!hex) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (next === 'u' || next === 'U') {
      const hex = new RegExp(`^[0-9a-fA-F]{1,${next === 'u' ? 4 : 8}}`).exec(body.slice(i + 2))?.[0];
      if (!hex) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else {
      if (next === 'c' || next === '') return undefined;
      out += `\\${next}`;
      i++;
    }
  }
  return out;
}
