// A small bash word splitter: enough of the shell grammar to find every simple command in a scenario step
// (line continuations, quotes, $(...), ${...}, backticks, heredocs, redirections, && || ; |), including the
// commands nested inside command substitutions, each with its line.

export interface ShellWord {
  /** The word as written, quotes included. */
  raw: string;
  /** The word after quote removal; $VAR, ${VAR} and $(...) are kept verbatim (nothing is expanded). */
  text: string;
  /** 0-based line within the code where the word starts. */
  line: number;
}

export interface ShellCommand {
  /** Leading `NAME=value` assignments. */
  assignments: ShellWord[];
  /** The command words (reserved words such as `then`/`do`/`if` stripped from the front). */
  words: ShellWord[];
  /** 0-based line within the code where the command starts. */
  line: number;
}

const RESERVED_PREFIX = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  'time',
  'exec',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Index just past the `)` that closes a `$(` or `(` opened before `start` (nesting and quotes respected). */
function matchParen(src: string, start: number): number {
  let depth = 1;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      i = close === -1 ? src.length : close;
    } else if (c === '"') i = matchDoubleQuote(src, i + 1) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return src.length;
}

/** Index just past the `"` closing a double-quoted string whose content starts at `start`. */
function matchDoubleQuote(src: string, start: number): number {
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '$' && src[i + 1] === '(') i = matchParen(src, i + 2) - 1;
    else if (c === '"') return i + 1;
  }
  return src.length;
}

function matchBrace(src: string, start: number): number {
  const end = src.indexOf('}', start);
  return end === -1 ? src.length : end + 1;
}

function countLines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}

export function splitShellCommands(code: string, baseLine = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  const nested: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let raw = '';
  let text = '';
  let inWord = false;
  let wordLine = baseLine;
  let line = baseLine;
  let dropNextWord = false;
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let pendingHeredoc: boolean | null = null;

  const recurse = (inner: string, innerLine: number): void => {
    nested.push(...splitShellCommands(inner, innerLine));
  };
  const endWord = (): void => {
    if (!inWord) return;
    if (pendingHeredoc !== null) {
      heredocs.push({ delimiter: text, stripTabs: pendingHeredoc });
      pendingHeredoc = null;
    } else if (dropNextWord) dropNextWord = false;
    else words.push({ raw, text, line: wordLine });
    raw = '';
    text = '';
    inWord = false;
  };
  const startWord = (): void => {
    if (!inWord) {
      inWord = true;
      wordLine = line;
    }
  };
  const endCommand = (): void => {
    endWord();
    let k = 0;
    const assignments: ShellWord[] = [];
    while (k < words.length) {
      const w = words[k]!;
      if (RESERVED_PREFIX.has(w.raw)) k++;
      else if (ASSIGNMENT.test(w.raw)) {
        assignments.push(w);
        k++;
      } else break;
    }
    const rest = words.slice(k);
    if (rest.length > 0 || assignments.length > 0)
      out.push({ assignments, words: rest, line: (rest[0] ?? assignments[0])!.line });
    words = [];
  };

  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === '\\' && next === '\n') {
      i++;
      line++;
      continue;
    }
    if (c === '\\') {
      startWord();
      raw += c + (next ?? '');
      text += next ?? '';
      i++;
      continue;
    }
    if (c === '\n') {
      endCommand();
      line++;
      // Heredoc bodies are data, not commands: skip to each delimiter line.
      while (heredocs.length > 0) {
        const { delimiter, stripTabs } = heredocs.shift()!;
        let end = i + 1;
        while (end < code.length) {
          const nl = code.indexOf('\n', end);
          const bodyLine = code.slice(end, nl === -1 ? code.length : nl);
          line++;
          end = nl === -1 ? code.length : nl + 1;
          if ((stripTabs ? bodyLine.replace(/^\t+/, '') : bodyLine) === delimiter) break;
        }
        i = end - 1;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      if (c === '&' && next === '>') {
        endWord();
        i += code[i + 2] === '>' ? 2 : 1;
        dropNextWord = true;
        continue;
      }
      endCommand();
      if (
        (c === '&' && next === '&') ||
        (c === '|' && (next === '|' || next === '&')) ||
        (c === ';' && next === ';')
      )
        i++;
      continue;
    }
    if ((c === '>' || c === '<') && !(c === '<' && next === '(') && !(c === '>' && next === '(')) {
      // A redirection: drop a leading fd number (2>) and the target word.
      if (inWord && /^\d+$/.test(raw)) {
        raw = '';
        text = '';
        inWord = false;
      } else endWord();
      if (c === '<' && next === '<' && code[i + 2] !== '<') {
        i++;
        const stripTabs = code[i + 1] === '-';
        if (stripTabs) i++;
        pendingHeredoc = stripTabs;
        continue;
      }
      while (code[i + 1] === '>' || code[i + 1] === '<' || code[i + 1] === '&' || code[i + 1] === '|') i++;
      if (/\d/.test(code[i + 1] ?? '') && code[i] === '&') {
        i++; // 2>&1: the target is the fd itself
        continue;
      }
      dropNextWord = true;
      continue;
    }
    if (c === '#' && !inWord) {
      const nl = code.indexOf('\n', i);
      i = (nl === -1 ? code.length : nl) - 1;
      continue;
    }
    startWord();
    if (c === "'") {
      const close = code.indexOf("'", i + 1);
      const end = close === -1 ? code.length : close;
      const content = code.slice(i + 1, end);
      raw += code.slice(i, end + 1);
      text += content;
      line += countLines(content);
      i = end;
      continue;
    }
    if (c === '"') {
      const end = matchDoubleQuote(code, i + 1);
      const inner = code.slice(i + 1, end - 1);
      raw += code.slice(i, end);
      text += unescapeDoubleQuoted(inner);
      findSubstitutions(inner, line, recurse);
      line += countLines(inner);
      i = end - 1;
      continue;
    }
    if (c === '$' && next === '(') {
      const end = matchParen(code, i + 2);
      const whole = code.slice(i, end);
      raw += whole;
      text += whole;
      if (code[i + 2] !== '(') recurse(code.slice(i + 2, end - 1), line);
      line += countLines(whole);
      i = end - 1;
      continue;
    }
    if ((c === '<' || c === '>') && next === '(') {
      const end = matchParen(code, i + 2);
      recurse(code.slice(i + 2, end - 1), line);
      raw += code.slice(i, end);
      text += code.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === '$' && next === '{') {
      const end = matchBrace(code, i + 2);
      raw += code.slice(i, end);
      text += code.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === '`') {
      const close = code.indexOf('`', i + 1);
      const end = close === -1 ? code.length : close;
      recurse(code.slice(i + 1, end), line);
      raw += code.slice(i, end + 1);
      text += code.slice(i, end + 1);
      i = end;
      continue;
    }
    raw += c;
    text += c;
  }
  endCommand();
  return [...out, ...nested].sort((a, b) => a.line - b.line);
}

function unescapeDoubleQuoted(inner: string): string {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length && '"\\$`\n'.includes(inner[i + 1]!)) {
      if (inner[i + 1] !== '\n') out += inner[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

/** Command substitutions inside a double-quoted string still run commands: split them too. */
function findSubstitutions(inner: string, line: number, recurse: (code: string, line: number) => void): void {
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '\n') line++;
    else if (c === '$' && inner[i + 1] === '(' && inner[i + 2] !== '(') {
      const end = matchParen(inner, i + 2);
      recurse(inner.slice(i + 2, end - 1), line);
      line += countLines(inner.slice(i, end));
      i = end - 1;
    }
  }
}
