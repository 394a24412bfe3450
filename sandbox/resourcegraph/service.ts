import { createHash } from 'node:crypto';
import { azureError, json, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { SandboxService, ServiceContext } from '../core/service';
import { settleOperations } from '../arm/store';
import { runQuery, type Row } from './kql-eval';
import { KqlSyntaxError } from './kql-lexer';
import { KqlUnsupportedError, parseKql } from './kql-parser';
import { tableRows } from './rows';

const defaultPageSize = 100;
const maxPageSize = 1000;

interface QueryRequest {
  subscriptions?: string[];
  query?: unknown;
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string };
}

function queryError(ctx: ServiceContext, detail: Record<string, unknown>): SandboxResponse {
  return {
    status: 400,
    body: {
      error: {
        code: 'BadRequest',
        message: `Please provide below info when asking for support: timestamp = ${new Date(ctx.clock.now()).toISOString()}, correlationId = ${ctx.ids.guid()}.`,
        details: [
          {
            code: 'InvalidQuery',
            message:
              'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
          },
          detail,
        ],
      },
    },
  };
}

const hashOf = (query: string) => createHash('sha256').update(query).digest('hex').slice(0, 16);

function tableFormat(rows: Row[]): { columns: { name: string; type: string }[]; rows: unknown[][] } {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const typeOf = (v: unknown) =>
    typeof v === 'number'
      ? 'integer'
      : typeof v === 'boolean'
        ? 'boolean'
        : v !== null && typeof v === 'object'
          ? 'object'
          : 'string';
  return {
    columns: names.map((name) => ({
      name,
      type: typeOf(rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name] ?? ''),
    })),
    rows: rows.map((r) => names.map((n) => r[n] ?? null)),
  };
}

function handleQuery(ctx: ServiceContext, req: SandboxRequest): SandboxResponse {
  settleOperations(ctx);
  if (!req.query.get('api-version'))
    return azureError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  const body = (req.body ?? {}) as QueryRequest;
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    return azureError(
      400,
      'InvalidRequestContent',
      'The request body must carry a non-empty "query" string.',
    );
  }
  let parsed;
  try {
    parsed = parseKql(body.query);
  } catch (error) {
    if (error instanceof KqlSyntaxError) {
      return queryError(ctx, {
        code: 'ParserFailure',
        message: `ParserFailure: ${error.message}`,
        line: error.line,
        characterPositionInLine: error.column,
        token: error.token,
      });
    }
    if (error instanceof KqlUnsupportedError)
      return queryError(ctx, { code: 'UnsupportedQuery', message: error.message });
    throw error;
  }
  const options = body.options ?? {};
  const top = options.$top ?? defaultPageSize;
  if (!Number.isInteger(top) || top < 1 || top > maxPageSize) {
    return azureError(
      400,
      'BadRequest',
      `$top must be an integer from 1 to ${maxPageSize}; got ${String(options.$top)}.`,
    );
  }
  let skip = options.$skip ?? 0;
  if (options.$skipToken) {
    try {
      const token = JSON.parse(Buffer.from(options.$skipToken, 'base64').toString('utf8')) as {
        o: number;
        q: string;
      };
      if (token.q !== hashOf(body.query) || !Number.isInteger(token.o))
        throw new Error('token for another query');
      skip = token.o;
    } catch {
      return azureError(
        400,
        'BadRequest',
        'The $skipToken is invalid for this query: pass the token from the previous page of the same query.',
      );
    }
  }
  // Resource Graph answers only with what the caller may read (RBAC on each row).
  ctx.authz.allowAuthenticated(req, 'rows are filtered by read permission below');
  const readable = tableRows(ctx, parsed.table, body.subscriptions).filter((row) => canRead(ctx, req, row));
  const all = runQuery(parsed, readable);
  const page = all.slice(skip, skip + top);
  const more = skip + top < all.length;
  return json(200, {
    totalRecords: all.length,
    count: page.length,
    resultTruncated: 'false',
    ...(more
      ? {
          $skipToken: Buffer.from(JSON.stringify({ o: skip + top, q: hashOf(body.query) })).toString(
            'base64',
          ),
        }
      : {}),
    facets: [],
    data: options.resultFormat?.toLowerCase() === 'table' ? tableFormat(page) : page,
  });
}

function canRead(ctx: ServiceContext, req: SandboxRequest, row: Row): boolean {
  const id = String(row.id ?? '');
  const type = String(row.type ?? '');
  if (/^microsoft\.resources\/subscriptions$/i.test(type)) return ctx.authz.hasAnyAccess(req, id);
  const action = /^microsoft\.resources\/subscriptions\/resourcegroups$/i.test(type)
    ? 'Microsoft.Resources/subscriptions/resourceGroups/read'
    : `${type}/read`;
  return ctx.authz.canSee(req, { action, scope: id });
}

/** Azure Resource Graph over the sandbox's ARM state, with a configurable index lag. */
export const createResourceGraphService = (): SandboxService => ({
  name: 'resource-graph',
  endpoint: 'arm',
  register(router, ctx) {
    router.post('/providers/Microsoft.ResourceGraph/resources', 'Resources', (req) => handleQuery(ctx, req));
  },
});
