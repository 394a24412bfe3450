// The forms a known secret takes in command output: as is, URL-encoded, JSON-escaped, hex, and base64 at each
// of the three byte offsets it can start at inside a longer encoded text (only the characters that depend on
// the secret alone are matched; the one or two bytes at either edge share a character with their neighbours).

const MIN_CORE = 8;

function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const start = offset === 0 ? 0 : 4;
    const tail = (offset + bytes.length) % 3 === 0 ? 0 : (offset + bytes.length) % 3 === 1 ? 2 : 3;
    const core = encoded.slice(start, encoded.length - tail);
    if (core.length >= MIN_CORE) {
      out.push(core);
      out.push(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}

export function secretVariants(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const variants = [
    secret,
    url,
    url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    url.replace(/%20/g, '+'),
    encodeURIComponent(url),
    json,
    JSON.stringify(json).slice(1, -1),
    json.replace(/\//g, '\\/'),
    [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    Buffer.from(secret, 'utf8').toString('hex'),
    Buffer.from(secret, 'utf8').toString('hex').toUpperCase(),
    ...base64Cores(secret),
  ];
  return [...new Set(variants)].filter((v) => v.length >= 6);
}
