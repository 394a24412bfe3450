import { randomInt } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~';
const letters = alphabet.slice(0, 62);

function pick(chars: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += chars[randomInt(chars.length)];
  return out;
}

/**
 * A client secret in Entra's current shape: three characters, a digit, `Q~`, then 34 characters
 * (40 in all). Scrubbers and the policy recognise secrets by this shape, so the sandbox keeps it.
 */
export function newClientSecret(): string {
  return `${pick(letters, 3)}${randomInt(10)}Q~${pick(alphabet, 34)}`;
}
