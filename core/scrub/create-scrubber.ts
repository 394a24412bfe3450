// One function applied to every log line, event and step output the agent writes.
import { secretVariants } from './encodings';
import { REDACTED, SECRET_PATTERNS } from './patterns';
import { joinLines, stripAnsi } from './text-view';

export type Scrubber = (text: string) => string;

/** Values shorter than this are not treated as secrets: redacting "1" or "yes" everywhere would ruin the logs. */
const MIN_KNOWN_SECRET_LENGTH = 6;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts every occurrence of the known forms, also when line breaks split one. */
function redactKnown(text: string, pattern: RegExp): string {
  let out = text.replace(pattern, REDACTED);
  const view = joinLines(out);
  const spans: [number, number][] = [];
  for (const m of view.joined.matchAll(pattern)) {
    const start = view.origin[m.index!]!;
    const end = view.origin[m.index! + m[0].length - 1]! + 1;
    spans.push([start, end]);
  }
  for (const [start, end] of spans.reverse()) out = out.slice(0, start) + REDACTED + out.slice(end);
  return out;
}

/**
 * Known secret values are removed in every form output gives them (see encodings.ts), colour codes are dropped
 * first so none can hide a value, then the shapes of keys, tokens and connection strings are removed.
 */
export function createScrubber(knownSecrets: string[]): Scrubber {
  const variants = knownSecrets.filter((s) => s.length >= MIN_KNOWN_SECRET_LENGTH).flatMap(secretVariants);
  const known = [...new Set(variants)].sort((a, b) => b.length - a.length);
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text: string): string => {
    let out = stripAnsi(text);
    if (knownPattern) out = redactKnown(out, knownPattern);
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
