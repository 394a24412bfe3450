export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For strings: the unescaped value. */
  value?: string;
  /** 1-based line and column, for Azure's ParserFailure detail. */
  line: number;
  column: number;
}

export class KqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly token: string,
  ) {
    super(message);
  }
}

const operators = ['==', '!=', '=~', '!~', '=', '<=', '>=', '<', '>'];
const negatedWords = /^!(contains_cs|contains|has|startswith|endswith|in~|in)(?![\w~])/i;

/** Splits a KQL query into tokens; `//` comments are skipped. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = () => ({ line, column: i - lineStart + 1 });
  while (i < query.length) {
    const c = query[i];
    if (c === '\n') {
      i += 1;
      line += 1;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '/' && query[i + 1] === '/') {
      while (i < query.length && query[i] !== '\n') i += 1;
      continue;
    }
    const pos = at();
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < query.length && query[j] !== c) {
        if (query[j] === '\\' && j + 1 < query.length) {
          const n = query[j + 1];
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else {
          value += query[j];
          j += 1;
        }
      }
      if (j >= query.length)
        throw new KqlSyntaxError('unterminated string literal', pos.line, pos.column, query.slice(i, i + 20));
      tokens.push({ kind: 'string', text: query.slice(i, j + 1), value, ...pos });
      i = j + 1;
      continue;
    }
    const negated = negatedWords.exec(query.slice(i));
    if (negated) {
      tokens.push({ kind: 'op', text: negated[0].toLowerCase(), ...pos });
      i += negated[0].length;
      continue;
    }
    const op = operators.find((o) => query.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, ...pos });
      i += op.length;
      continue;
    }
    if ('|()[],.'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, ...pos });
      i += 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(query.slice(i));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], ...pos });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][\w]*(~)?/.exec(query.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], ...pos });
      i += ident[0].length;
      continue;
    }
    throw new KqlSyntaxError(`unexpected character '${c}'`, pos.line, pos.column, c);
  }
  tokens.push({ kind: 'end', text: '<end>', ...at() });
  return tokens;
}
