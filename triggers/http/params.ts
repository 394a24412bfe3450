// Query and body parameters, validated with zod; a bad value becomes a 400 that names the parameter.
import { z } from 'zod';
import { ApiError } from './respond';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

const integerParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `${name} must be at least ${min}` })
        .max(max, { error: `${name} must be at most ${max}` }),
    );

export const paginationSchema = z.object({
  page: integerParam('page', 1, 1_000_000).optional(),
  page_size: integerParam('page_size', 1, MAX_PAGE_SIZE).optional(),
});

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

/** Run ids are durable instance ids: letters, digits and a few separators (they also name report folders). */
export const runIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
  error: 'must be letters, digits, ".", "_", ":" or "-" (at most 128)',
});

export function parseRunId(value: string | undefined): string {
  return parseParams(z.object({ run_id: runIdSchema }), { run_id: value }, 'path').run_id;
}
