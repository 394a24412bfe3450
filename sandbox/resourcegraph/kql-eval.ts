import type { Expr, KqlQuery } from './kql-parser';

export type Row = Record<string, unknown>;

function get(row: Row, path: (string | number)[]): unknown {
  let value: unknown = row;
  for (const key of path) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    if (typeof key === 'number') value = Array.isArray(value) ? value[key] : undefined;
    else value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** KQL `has`: whole-term match, case-insensitive. */
const hasTerm = (haystack: string, term: string) =>
  new RegExp(`(^|[^a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`, 'i').test(haystack);

function compare(op: string, l: unknown, r: unknown): boolean {
  const ls = text(l);
  const rs = text(r);
  switch (op) {
    case '==':
      return typeof l === 'number' || typeof r === 'number'
        ? Number(l) === Number(r)
        : l !== undefined && l !== null && ls === rs;
    case '!=':
      return !compare('==', l, r);
    case '=~':
      return l !== undefined && l !== null && ls.toLowerCase() === rs.toLowerCase();
    case '!~':
      return !compare('=~', l, r);
    case '<':
      return Number(l) < Number(r) || (isNaN(Number(l)) && ls < rs);
    case '<=':
      return Number(l) <= Number(r) || (isNaN(Number(l)) && ls <= rs);
    case '>':
      return Number(l) > Number(r) || (isNaN(Number(l)) && ls > rs);
    case '>=':
      return Number(l) >= Number(r) || (isNaN(Number(l)) && ls >= rs);
    case 'contains':
      return ls.toLowerCase().includes(rs.toLowerCase());
    case 'contains_cs':
      return ls.includes(rs);
    case 'has':
      return hasTerm(ls, rs);
    case 'startswith':
      return ls.toLowerCase().startsWith(rs.toLowerCase());
    case 'endswith':
      return ls.toLowerCase().endsWith(rs.toLowerCase());
    case 'matches':
      return false;
    default:
      if (op.startsWith('!')) return !compare(op.slice(1), l, r);
      throw new Error(`operator ${op} not implemented`);
  }
}

export function evaluate(expr: Expr, row: Row): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'field':
      return get(row, expr.path);
    case 'list':
      return expr.items.map((i) => evaluate(i, row));
    case 'not':
      return !truthy(evaluate(expr.expr, row));
    case 'call': {
      const v = evaluate(expr.args[0] ?? { kind: 'literal', value: null }, row);
      if (expr.name === 'isempty') return v === undefined || v === null || v === '';
      if (expr.name === 'isnotempty') return !(v === undefined || v === null || v === '');
      if (expr.name === 'isnull') return v === undefined || v === null;
      if (expr.name === 'isnotnull') return !(v === undefined || v === null);
      if (expr.name === 'tolower') return text(v).toLowerCase();
      if (expr.name === 'toupper') return text(v).toUpperCase();
      return text(v);
    }
    case 'binary': {
      if (expr.op === 'and') return truthy(evaluate(expr.left, row)) && truthy(evaluate(expr.right, row));
      if (expr.op === 'or') return truthy(evaluate(expr.left, row)) || truthy(evaluate(expr.right, row));
      const l = evaluate(expr.left, row);
      if (expr.right.kind === 'list') {
        const items = expr.right.items.map((i) => evaluate(i, row));
        const insensitive = expr.op.endsWith('~');
        const found = items.some((i) => (insensitive ? compare('=~', l, i) : compare('==', l, i)));
        return expr.op.startsWith('!') ? !found : found;
      }
      return compare(expr.op, l, evaluate(expr.right, row));
    }
  }
}

const truthy = (v: unknown) => v === true;

function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const as = text(a);
  const bs = text(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Runs the parsed operators over the table's rows, in order. */
export function runQuery(query: KqlQuery, rows: Row[]): Row[] {
  let current = rows;
  for (const op of query.operators) {
    if (op.kind === 'where') current = current.filter((row) => truthy(evaluate(op.expr, row)));
    else if (op.kind === 'project')
      current = current.map((row) =>
        Object.fromEntries(op.columns.map((c) => [c.name, evaluate(c.expr, row) ?? null])),
      );
    else if (op.kind === 'limit') current = current.slice(0, op.count);
    else {
      current = [...current].sort((x, y) => {
        for (const key of op.keys) {
          const d = order(evaluate(key.expr, x), evaluate(key.expr, y));
          if (d !== 0) return key.descending ? -d : d;
        }
        return 0;
      });
    }
  }
  return current;
}
