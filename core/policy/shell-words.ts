// A shell-word tokenizer for the subset of bash that scenario blocks use. The policy must see every
// command that bash would run, so anything it cannot split (an unterminated quote) is refused upstream.

export interface Word {
  /** The word as written, quotes included. */
  raw: string;
  /** The word with quotes removed and escapes resolved; `$VAR` and `$(...)` are left as written. */
  value: string;
  start: number;
  end: number;
}

export type Operator = '|' | '|&' | '&&' | '||' | ';' | '&' | '\n' | '(' | ')';

export interface SimpleCommand {
  words: Word[];
  /** Offsets of the command's first and last word in the tokenized text. */
  start: number;
  end: number;
  /** Index of the pipeline this command belongs to; commands joined by `|` share it. */
  pipeline: number;
}

export interface Substitution {
  /** The text inside `$(...)`, backticks or `<(...)`. */
  text: string;
  /** Offset of `text` in the tokenized text, so a rewrite inside a substitution lands in the right place. */
  offset: number;
}

export interface SplitResult {
  commands: SimpleCommand[];
  /** Command substitutions found anywhere (they run too, so they are checked too). */
  substitutions: Substitution[];
  /** Set when the text cannot be split (an unterminated quote or substitution). */
  error?: string;
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '(', ')', '\n']);

/** Finds the end of a `$(...)` starting at `open` (the index of `(`), honouring quotes and nesting. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return -1;
      i = close;
      continue;
    }
    if (c === '"') {
      const close = matchDoubleQuote(text, i);
      if (close < 0) return -1;
      i = close;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function matchDoubleQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      const close = matchParen(text, i + 1);
      if (close < 0) return -1;
      i = close;
      continue;
    }
    if (c === '"') return i;
  }
  return -1;
}

function isAssignmentWord(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(value);
}

/** Splits a bash text into simple commands, recording pipelines and every command substitution. */
export function splitCommands(input: string): SplitResult {
  // Offsets refer to the input text itself, so callers can insert into it (line continuations are skipped in place).
  const text = input;
  const commands: SimpleCommand[] = [];
  const substitutions: Substitution[] = [];
  let words: Word[] = [];
  let pipeline = 0;
  let pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];

  const endCommand = (op: Operator | 'eof'): void => {
    if (words.length > 0) {
      commands.push({ words, start: words[0].start, end: words[words.length - 1].end, pipeline });
      words = [];
    }
    if (op !== '|' && op !== '|&') pipeline++;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' && pendingHeredocs.length > 0) {
      endCommand('\n');
      i++;
      for (const heredoc of pendingHeredocs) {
        // The body runs to the delimiter line; it is data, not commands.
        while (i < text.length) {
          const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
          const line = text.slice(i, lineEnd);
          i = lineEnd + 1;
          if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) break;
        }
      }
      pendingHeredocs = [];
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      const two = text.slice(i, i + 2);
      let op: Operator;
      if (two === '&&' || two === '||' || two === '|&') op = two;
      else if (c === '&' && text[i + 1] === '>') {
        // `&>file` is a redirection, handled as a word below.
        op = '&';
      } else op = c as Operator;
      if (c === '&' && text[i + 1] === '>') {
        // fall through to word parsing
      } else {
        endCommand(op);
        i += op.length;
        continue;
      }
    }
    // A word: runs until unquoted whitespace or operator.
    const start = i;
    let value = '';
    let isHeredocOperator = false;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        value += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) return { commands, substitutions, error: `unterminated single quote at offset ${i}` };
        value += text.slice(i + 1, close);
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        const close = matchDoubleQuote(text, i);
        if (close < 0) return { commands, substitutions, error: `unterminated double quote at offset ${i}` };
        const inner = text.slice(i + 1, close);
        collectSubstitutions(inner, i + 1, substitutions);
        value += inner.replace(/\\(["\\$`])/g, '$1');
        i = close + 1;
        continue;
      }
      if ((ch === '$' || ch === '<' || ch === '>') && text[i + 1] === '(') {
        const close = matchParen(text, i + 1);
        if (close < 0) return { commands, substitutions, error: `unterminated substitution at offset ${i}` };
        substitutions.push({ text: text.slice(i + 2, close), offset: i + 2 });
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (ch === '$' && text[i + 1] === '{') {
        const close = text.indexOf('}', i);
        if (close < 0) return { commands, substitutions, error: `unterminated \${ at offset ${i}` };
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        if (close < 0) return { commands, substitutions, error: `unterminated backtick at offset ${i}` };
        substitutions.push({ text: text.slice(i + 1, close), offset: i + 1 });
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') break;
      if (
        OPERATOR_CHARS.has(ch) &&
        !(ch === '&' && text[i + 1] === '>' && value === '') &&
        !(ch === '&' && value.endsWith('>'))
      )
        break;
      if (ch === '<' && text[i + 1] === '<' && text[i + 2] !== '<') isHeredocOperator = true;
      value += ch;
      i++;
    }
    const word: Word = { raw: text.slice(start, i), value, start, end: i };
    if (isHeredocOperator) {
      // `<<EOF`, `<< 'EOF'`, `<<-EOF`: the delimiter is the rest of this word or the next word.
      let rest = value.replace(/^\d*<<-?/, '');
      const stripTabs = /^\d*<<-/.test(value);
      if (rest === '') {
        while (text[i] === ' ' || text[i] === '\t') i++;
        const dStart = i;
        while (i < text.length && !/[\s;|&]/.test(text[i])) i++;
        rest = text.slice(dStart, i).replace(/['"]/g, '');
      }
      pendingHeredocs.push({ delimiter: rest.replace(/['"]/g, ''), stripTabs });
      continue;
    }
    words.push(word);
  }
  endCommand('eof');
  return { commands, substitutions };
}

function collectSubstitutions(inner: string, base: number, into: Substitution[]): void {
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') {
      i++;
      continue;
    }
    if (inner[i] === '$' && inner[i + 1] === '(') {
      const close = matchParen(inner, i + 1);
      if (close < 0) return;
      into.push({ text: inner.slice(i + 2, close), offset: base + i + 2 });
      i = close;
    } else if (inner[i] === '`') {
      const close = inner.indexOf('`', i + 1);
      if (close < 0) return;
      into.push({ text: inner.slice(i + 1, close), offset: base + i + 1 });
      i = close;
    }
  }
}

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'case',
  'esac',
]);
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'nohup', 'builtin', 'env', 'timeout', 'nice', 'stdbuf']);

export interface CommandView {
  /** Leading `NAME=value` words. */
  assignments: { name: string; value: string }[];
  /** The words that make up the command proper (keywords, wrappers and redirections removed). */
  argv: Word[];
  /** `for NAME in WORDS` header, when the command is one. */
  forLoop?: { name: string; items: string[] };
}

/** Strips control keywords, assignments, wrappers and redirections to reach the program and its arguments. */
export function commandView(command: SimpleCommand): CommandView {
  // Redirections (`> out.json`, `2>&1`) are not arguments; process substitutions (`<(cmd)`) are.
  const isRedirection = (value: string): boolean => /^\d*(>>?|<|&>|>&)/.test(value) && !/^[<>]\(/.test(value);
  const isBareRedirection = (value: string): boolean => /^\d*(>>?|<|&>|>&)$/.test(value);
  let words = command.words.filter((w, index, all) => {
    if (isRedirection(w.value)) return false;
    const previous = all[index - 1];
    return !(previous && isBareRedirection(previous.value));
  });
  while (words.length > 0 && KEYWORDS.has(words[0].value)) words = words.slice(1);
  if (words[0]?.value === 'for' && words.length >= 2) {
    const name = words[1].value;
    const inIndex = words.findIndex((w) => w.value === 'in');
    const items = inIndex >= 0 ? words.slice(inIndex + 1).map((w) => w.value) : [];
    return { assignments: [], argv: [], forLoop: { name, items } };
  }
  const assignments: { name: string; value: string }[] = [];
  while (words.length > 0 && isAssignmentWord(words[0].value)) {
    const eq = words[0].value.indexOf('=');
    assignments.push({ name: words[0].value.slice(0, eq), value: words[0].value.slice(eq + 1) });
    words = words.slice(1);
  }
  // `sudo az ...`, `env X=1 az ...`, `timeout 60 az ...`: the wrapped program is what runs.
  while (words.length > 0 && WRAPPERS.has(words[0].value)) {
    const wrapper = words[0].value;
    words = words.slice(1);
    while (
      words.length > 0 &&
      (words[0].value.startsWith('-') ||
        isAssignmentWord(words[0].value) ||
        (wrapper === 'timeout' && /^\d/.test(words[0].value)) ||
        (wrapper === 'nice' && /^-?\d+$/.test(words[0].value)))
    ) {
      words = words.slice(1);
    }
  }
  return { assignments, argv: words };
}
