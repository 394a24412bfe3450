// Output as a reader sees it: colour codes removed, and a second view with line breaks removed too, so a
// secret split across lines (wrapped, or printed in pieces) still matches; matches map back to the text.

/** CSI and OSC escape sequences (colours, cursor moves, hyperlinks). */
export const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export interface JoinedView {
  joined: string;
  /** For each character of `joined`, its index in the original text. */
  origin: number[];
}

/** The text without line breaks (and the indentation that follows them), with a map back to the original. */
export function joinLines(text: string): JoinedView {
  let joined = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      while (i + 1 < text.length && /[\r\n \t]/.test(text[i + 1]!)) i++;
      continue;
    }
    joined += c;
    origin.push(i);
  }
  return { joined, origin };
}
