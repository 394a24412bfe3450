// Parsing the API's parameters (schemas in requests.ts): a bad value becomes a 400 that names the parameter.
import { z } from 'zod';
import { ApiError } from './respond';
import { runIdPath } from './requests';

const DEFAULT_PAGE_SIZE = 100;

/** Parses `values` with `schema`; the first problem becomes `parameter <name>: <message>`. */
export function parseParams<T extends z.ZodType>(
  schema: T,
  values: unknown,
  where: 'query' | 'body' | 'path',
): z.infer<T> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join('.') || where;
  throw new ApiError('bad_request', `invalid ${where} parameter ${name}: ${issue.message}`);
}

export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  query.forEach((value, key) => (out[key] = value));
  return out;
}

export interface Pagination {
  page: number;
  page_size: number;
  total_items: number;
  total_pages: number;
  has_next: boolean;
  has_previous: boolean;
}

/** One page of `items`; a page beyond the end is empty, not an error. */
export function paginate<T>(
  items: readonly T[],
  page = 1,
  pageSize = DEFAULT_PAGE_SIZE,
): { items: T[]; pagination: Pagination } {
  const totalPages = Math.ceil(items.length / pageSize);
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    pagination: {
      page,
      page_size: pageSize,
      total_items: items.length,
      total_pages: totalPages,
      has_next: page < totalPages,
      has_previous: page > 1 && totalPages > 0,
    },
  };
}

export function parseRunId(value: string | undefined): string {
  return parseParams(runIdPath, { run_id: value }, 'path').run_id;
}
