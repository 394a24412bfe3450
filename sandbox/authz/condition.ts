// Azure ABAC conditions (role assignment conditions, version 2.0): the grammar of
// https://learn.microsoft.com/azure/role-based-access-control/conditions-format and the attributes of
// https://learn.microsoft.com/azure/role-based-access-control/conditions-authorization-actions-attributes.
// A condition the sandbox cannot parse or evaluate is an error, and the caller refuses the request: a condition is
// never ignored.
import { actionMatches } from './actions';

export class ConditionError extends Error {}

type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'action'; pattern: string }
  | {
      kind: 'compare';
      source: 'Request' | 'Resource';
      attribute: string;
      quantifier?: Quantifier;
      op: string;
      values: string[];
    };

type Quantifier = 'ForAnyOfAnyValues' | 'ForAllOfAnyValues' | 'ForAnyOfAllValues' | 'ForAllOfAllValues';

/** What a condition may ask about one request: the action and the attributes of request and resource. */
export interface ConditionContext {
  action: string;
  request?: Record<string, string[]>;
  resource?: Record<string, string[]>;
}

const tokenPattern =
  /\s*(?:(\()|(\))|(&&|\|\|)|(!)|ActionMatches\s*\{\s*'([^']*)'\s*\}|SubOperationMatches\s*\{\s*'([^']*)'\s*\}|@(Request|Resource|Principal|Environment)\[([^\]]+)\]|(ForAnyOfAnyValues|ForAllOfAnyValues|ForAnyOfAllValues|ForAllOfAllValues):([A-Za-z]+)|\{([^}]*)\}|'([^']*)'|([A-Za-z]+))/y;

type Token =
  | { t: '(' | ')' | '!' }
  | { t: 'and' | 'or' }
  | { t: 'action'; pattern: string }
  | { t: 'attr'; source: string; attribute: string }
  | { t: 'op'; quantifier?: Quantifier; op: string }
  | { t: 'values'; values: string[] };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    tokenPattern.lastIndex = at;
    const m = tokenPattern.exec(text);
    if (!m) throw new ConditionError(`cannot read the condition at '${text.slice(at, at + 30)}'`);
    at = tokenPattern.lastIndex;
    if (m[1]) tokens.push({ t: '(' });
    else if (m[2]) tokens.push({ t: ')' });
    else if (m[3]) tokens.push({ t: m[3] === '&&' ? 'and' : 'or' });
    else if (m[4]) tokens.push({ t: '!' });
    else if (m[5] !== undefined) tokens.push({ t: 'action', pattern: m[5] });
    else if (m[6] !== undefined)
      throw new ConditionError('SubOperationMatches is not supported by the sandbox');
    else if (m[7]) tokens.push({ t: 'attr', source: m[7], attribute: m[8] });
    else if (m[9]) tokens.push({ t: 'op', quantifier: m[9] as Quantifier, op: m[10] });
    else if (m[11] !== undefined) tokens.push({ t: 'values', values: splitValues(m[11]) });
    else if (m[12] !== undefined) tokens.push({ t: 'values', values: [m[12]] });
    else if (m[13]) {
      const word = m[13];
      if (/^AND$/i.test(word)) tokens.push({ t: 'and' });
      else if (/^OR$/i.test(word)) tokens.push({ t: 'or' });
      else if (/^NOT$/i.test(word)) tokens.push({ t: '!' });
      else tokens.push({ t: 'op', op: word });
    }
  }
  return tokens;
}

function splitValues(inner: string): string[] {
  return inner
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v) => (/^'.*'$/.test(v) ? v.slice(1, -1) : v));
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.expression();
    if (this.i < this.tokens.length)
      throw new ConditionError('unexpected text after the end of the condition');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** `a AND b OR c` is refused, as Azure asks for parentheses when AND and OR mix. */
  private expression(): Node {
    const first = this.unary();
    const items = [first];
    let joiner: 'and' | 'or' | undefined;
    for (let next = this.peek(); next && (next.t === 'and' || next.t === 'or'); next = this.peek()) {
      if (joiner && joiner !== next.t)
        throw new ConditionError(
          'AND and OR are mixed without parentheses; Azure requires them to set precedence',
        );
      joiner = next.t;
      this.i += 1;
      items.push(this.unary());
    }
    return joiner ? { kind: joiner, items } : first;
  }

  private unary(): Node {
    const token = this.peek();
    if (!token) throw new ConditionError('the condition ends where an expression was expected');
    if (token.t === '!') {
      this.i += 1;
      return { kind: 'not', item: this.unary() };
    }
    if (token.t === '(') {
      this.i += 1;
      const inner = this.expression();
      if (this.peek()?.t !== ')') throw new ConditionError('a parenthesis is not closed');
      this.i += 1;
      return inner;
    }
    if (token.t === 'action') {
      this.i += 1;
      return { kind: 'action', pattern: token.pattern };
    }
    if (token.t === 'attr') {
      this.i += 1;
      const op = this.tokens[this.i];
      const values = this.tokens[this.i + 1];
      if (op?.t !== 'op' || values?.t !== 'values')
        throw new ConditionError(
          `@${token.source}[${token.attribute}] must be followed by an operator and values`,
        );
      this.i += 2;
      if (token.source !== 'Request' && token.source !== 'Resource')
        throw new ConditionError(`attribute source @${token.source} is not supported by the sandbox`);
      return {
        kind: 'compare',
        source: token.source,
        attribute: token.attribute,
        quantifier: op.quantifier,
        op: op.op,
        values: values.values,
      };
    }
    throw new ConditionError(`unexpected '${token.t}' in the condition`);
  }
}

const guid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const normaliseGuid = (value: string): string => {
  const last = value.split('/').pop() ?? '';
  if (!guid.test(last)) throw new ConditionError(`'${value}' is not a GUID`);
  return last.replace(/-/g, '').toLowerCase();
};

/** The binary comparisons the sandbox evaluates; anything else is refused. */
const comparisons: Record<string, (left: string, right: string) => boolean> = {
  GuidEquals: (l, r) => normaliseGuid(l) === normaliseGuid(r),
  GuidNotEquals: (l, r) => normaliseGuid(l) !== normaliseGuid(r),
  StringEquals: (l, r) => l === r,
  StringNotEquals: (l, r) => l !== r,
  StringEqualsIgnoreCase: (l, r) => l.toLowerCase() === r.toLowerCase(),
  StringNotEqualsIgnoreCase: (l, r) => l.toLowerCase() !== r.toLowerCase(),
  StringStartsWith: (l, r) => l.startsWith(r),
  StringStartsWithIgnoreCase: (l, r) => l.toLowerCase().startsWith(r.toLowerCase()),
};

/** The attributes of role assignment write (request) and delete (resource) that conditions may test. */
const knownAttributes = new Set(
  ['RoleDefinitionId', 'PrincipalId', 'PrincipalType'].map((a) =>
    `microsoft.authorization/roleassignments:${a}`.toLowerCase(),
  ),
);

function evaluate(node: Node, ctx: ConditionContext): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => evaluate(n, ctx));
    case 'or':
      return node.items.some((n) => evaluate(n, ctx));
    case 'not':
      return !evaluate(node.item, ctx);
    case 'action':
      return actionMatches(node.pattern, ctx.action);
    case 'compare': {
      const compare = comparisons[node.op];
      if (!compare) throw new ConditionError(`operator ${node.op} is not supported by the sandbox`);
      const key = node.attribute.toLowerCase();
      if (!knownAttributes.has(key))
        throw new ConditionError(`attribute ${node.attribute} is not one the sandbox can evaluate`);
      // An attribute the request does not carry (e.g. @Resource of a role assignment that does not exist) is an
      // empty set: ForAnyOf… over it is false, ForAllOf… true, a single-value comparison false.
      const bag = node.source === 'Request' ? ctx.request : ctx.resource;
      const left = bag?.[key] ?? [];
      if (!node.quantifier) {
        if (node.values.length !== 1)
          throw new ConditionError(`${node.op} compares with one value; use a ForAnyOf… operator for a set`);
        return left.length === 1 && compare(left[0], node.values[0]);
      }
      const leftAll = node.quantifier.startsWith('ForAll');
      const rightAll = node.quantifier.endsWith('AllValues');
      const one = (l: string) =>
        rightAll ? node.values.every((r) => compare(l, r)) : node.values.some((r) => compare(l, r));
      return leftAll ? left.every(one) : left.some(one);
    }
  }
}

/** Parses a condition; throws ConditionError when the sandbox cannot read it. */
export function parseCondition(text: string): (ctx: ConditionContext) => boolean {
  const tree = new Parser(tokenize(text)).parse();
  return (ctx) => evaluate(tree, ctx);
}

/** The attribute key a ConditionContext uses for a role assignment attribute. */
export const roleAssignmentAttribute = (name: 'RoleDefinitionId' | 'PrincipalId' | 'PrincipalType'): string =>
  `microsoft.authorization/roleassignments:${name}`.toLowerCase();
