// One function applied to every log line and event the agent writes.
import { REDACTED, SECRET_PATTERNS } from './patterns';

export type Scrubber = (text: string) => string;

/** Values shorter than this are not treated as secrets: redacting "1" or "yes" everywhere would ruin the logs. */
const MIN_KNOWN_SECRET_LENGTH = 6;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Known secret values are matched verbatim and in their URL- and JSON-escaped forms, longest first. */
export function createScrubber(knownSecrets: string[]): Scrubber {
  const variants = new Set<string>();
  for (const secret of knownSecrets) {
    if (secret.length < MIN_KNOWN_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  const known = [...variants].sort((a, b) => b.length - a.length);
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text: string): string => {
    let out = knownPattern ? text.replace(knownPattern, REDACTED) : text;
    for (const { pattern, keepPrefix } of SECRET_PATTERNS) {
      out = out.replace(pattern, (match: string, prefix?: unknown) =>
        keepPrefix && typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    return out;
  };
}

/** Scrubs every string inside a JSON-compatible value (event data), keeping its shape. */
export function scrubValue<T>(value: T, scrub: Scrubber): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubValue(v, scrub)]),
    ) as T;
  }
  return value;
}
