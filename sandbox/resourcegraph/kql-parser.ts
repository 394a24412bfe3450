import { KqlSyntaxError, tokenize, type Token } from './kql-lexer';

export type Expr =
  | { kind: 'field'; path: (string | number)[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'call'; name: string; args: Expr[] };

export type Operator =
  | { kind: 'where'; expr: Expr }
  | { kind: 'project'; columns: { name: string; expr: Expr }[] }
  | { kind: 'order'; keys: { expr: Expr; descending: boolean }[] }
  | { kind: 'limit'; count: number };

export interface KqlQuery {
  table: 'resources' | 'resourcecontainers';
  operators: Operator[];
}

/** Thrown for KQL that is valid but outside the subset the sandbox runs (e.g. `summarize`, `join`). */
export class KqlUnsupportedError extends Error {}

const comparisons = new Set([
  '==',
  '!=',
  '=~',
  '!~',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  '!contains',
  'contains_cs',
  '!contains_cs',
  'has',
  '!has',
  'startswith',
  '!startswith',
  'endswith',
  '!endswith',
  'in',
  '!in',
  'in~',
  '!in~',
  'matches',
]);
const functions = new Set(['isempty', 'isnotempty', 'isnull', 'isnotnull', 'tolower', 'toupper', 'tostring']);

/** Parses the KQL subset HayMaker needs: a table, then where / project / order by / sort by / limit / take. */
export function parseKql(text: string): KqlQuery {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];
  const fail = (message: string, token: Token = peek()): never => {
    throw new KqlSyntaxError(message, token.line, token.column, token.text);
  };
  const isWord = (word: string, token: Token = peek()) =>
    token.kind === 'ident' && token.text.toLowerCase() === word;
  const expectPunct = (p: string) => {
    const t = next();
    if (t.kind !== 'punct' || t.text !== p) fail(`expected '${p}'`, t);
  };

  const tableToken = next();
  if (tableToken.kind !== 'ident')
    fail('expected a table name (Resources or ResourceContainers)', tableToken);
  const table = tableToken.text.toLowerCase();
  if (table !== 'resources' && table !== 'resourcecontainers') {
    throw new KqlUnsupportedError(
      `table '${tableToken.text}' is not available in the sandbox (Resources, ResourceContainers)`,
    );
  }

  function primary(): Expr {
    const t = peek();
    if (t.kind === 'punct' && t.text === '(') {
      next();
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    if (t.kind === 'string') {
      next();
      return { kind: 'literal', value: t.value ?? '' };
    }
    if (t.kind === 'number') {
      next();
      return { kind: 'literal', value: Number(t.text) };
    }
    if (t.kind === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        next();
        return { kind: 'literal', value: lower === 'true' };
      }
      if (lower === 'not' && tokens[pos + 1]?.text === '(') {
        next();
        return { kind: 'not', expr: primary() };
      }
      if (tokens[pos + 1]?.kind === 'punct' && tokens[pos + 1].text === '(') {
        if (!functions.has(lower))
          throw new KqlUnsupportedError(`function '${t.text}()' is not supported by the sandbox`);
        next();
        next();
        const args: Expr[] = [];
        if (!(peek().kind === 'punct' && peek().text === ')')) {
          args.push(orExpr());
          while (peek().text === ',') {
            next();
            args.push(orExpr());
          }
        }
        expectPunct(')');
        return { kind: 'call', name: lower, args };
      }
      next();
      const path: (string | number)[] = [t.text];
      for (;;) {
        const p = peek();
        if (p.kind === 'punct' && p.text === '.') {
          next();
          const name = next();
          if (name.kind !== 'ident') fail('expected a property name after "."', name);
          path.push(name.text);
        } else if (p.kind === 'punct' && p.text === '[') {
          next();
          const key = next();
          if (key.kind === 'string') path.push(key.value ?? '');
          else if (key.kind === 'number') path.push(Number(key.text));
          else fail('expected a string or index inside [ ]', key);
          expectPunct(']');
        } else break;
      }
      return { kind: 'field', path };
    }
    return fail(`unexpected '${t.text}'`);
  }

  function comparison(): Expr {
    const left = primary();
    const t = peek();
    const op = t.text.toLowerCase();
    if ((t.kind === 'op' || t.kind === 'ident') && comparisons.has(op)) {
      next();
      if (op.endsWith('in') || op.endsWith('in~')) {
        expectPunct('(');
        const items: Expr[] = [primary()];
        while (peek().text === ',') {
          next();
          items.push(primary());
        }
        expectPunct(')');
        return { kind: 'binary', op, left, right: { kind: 'list', items } };
      }
      return { kind: 'binary', op, left, right: primary() };
    }
    if (t.kind === 'op' && t.text === '=') fail("'=' is assignment; compare with '==' or '=~'", t);
    return left;
  }

  function andExpr(): Expr {
    let left = comparison();
    while (isWord('and')) {
      next();
      left = { kind: 'binary', op: 'and', left, right: comparison() };
    }
    return left;
  }

  function orExpr(): Expr {
    let left = andExpr();
    while (isWord('or')) {
      next();
      left = { kind: 'binary', op: 'or', left, right: andExpr() };
    }
    return left;
  }

  const operators: Operator[] = [];
  while (peek().kind !== 'end') {
    const bar = next();
    if (bar.text !== '|') fail(`expected '|' before the next operator`, bar);
    const word = next();
    const name = word.text.toLowerCase();
    if (word.kind !== 'ident') fail('expected an operator after "|"', word);
    if (name === 'where') operators.push({ kind: 'where', expr: orExpr() });
    else if (name === 'project') {
      const columns: { name: string; expr: Expr }[] = [];
      do {
        if (peek().text === ',') next();
        const first = peek();
        if (first.kind === 'ident' && tokens[pos + 1]?.text === '=') {
          next();
          next();
          columns.push({ name: first.text, expr: orExpr() });
        } else {
          const expr = primary();
          if (expr.kind !== 'field') fail('project needs a column name or name = expression', first);
          const path = (expr as { path: (string | number)[] }).path;
          columns.push({ name: String(path[path.length - 1]), expr });
        }
      } while (peek().text === ',');
      operators.push({ kind: 'project', columns });
    } else if (name === 'order' || name === 'sort') {
      if (!isWord('by')) fail(`expected 'by' after '${word.text}'`);
      next();
      const keys: { expr: Expr; descending: boolean }[] = [];
      do {
        if (peek().text === ',') next();
        const expr = primary();
        let descending = true; // KQL sorts descending unless told otherwise
        if (isWord('asc')) {
          next();
          descending = false;
        } else if (isWord('desc')) next();
        keys.push({ expr, descending });
      } while (peek().text === ',');
      operators.push({ kind: 'order', keys });
    } else if (name === 'limit' || name === 'take') {
      const n = next();
      if (n.kind !== 'number') fail(`'${word.text}' needs a number`, n);
      operators.push({ kind: 'limit', count: Number(n.text) });
    } else if (
      [
        'summarize',
        'extend',
        'join',
        'mv-expand',
        'mv',
        'distinct',
        'count',
        'top',
        'union',
        'parse',
      ].includes(name)
    ) {
      throw new KqlUnsupportedError(
        `operator '${word.text}' is valid KQL but not supported by the sandbox (where, project, order by, sort by, limit, take)`,
      );
    } else fail(`unknown operator '${word.text}'`, word);
  }
  return { table: table as KqlQuery['table'], operators };
}
