import type { Rule } from '../rule';
import { lineOf, resourceDeclarations } from '../syntax-tree';

/** Preview API versions allowed, each with the reason no stable version will do. */
export const PREVIEW_API_VERSIONS_ALLOWED: Readonly<Record<string, string>> = {
  'Microsoft.Insights/diagnosticSettings@2021-05-01-preview':
    'diagnosticSettings has no stable version that takes categoryGroup; this is the newest the template reference lists (https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/diagnosticsettings)',
};

const STABLE = /^\d{4}-\d{2}-\d{2}$/;
const PREVIEW = /^\d{4}-\d{2}-\d{2}-preview$/;

export const apiVersionsRule: Rule = {
  name: 'api-versions',
  description:
    'Every resource type is pinned to a dated stable API version; a -preview needs an allow-list entry with a reason.',
  check: ({ files }) =>
    files.flatMap((f) =>
      resourceDeclarations(f.root).flatMap((r) => {
        const at = { file: f.file, line: lineOf(r.node), rule: 'api-versions' };
        if (r.apiVersion === undefined)
          return [
            {
              ...at,
              message: `resource '${r.symbol}' (${r.typeReference}) has no @<api-version>; pin one, e.g. '${r.type}@2023-05-01'`,
            },
          ];
        if (STABLE.test(r.apiVersion)) return [];
        if (PREVIEW.test(r.apiVersion)) {
          if (PREVIEW_API_VERSIONS_ALLOWED[r.typeReference]) return [];
          return [
            {
              ...at,
              message: `resource '${r.symbol}' uses preview API ${r.typeReference}; use a stable version or allow-list it with a reason in bicep/checks/rules/api-versions.ts`,
            },
          ];
        }
        return [
          {
            ...at,
            message: `resource '${r.symbol}' API version '${r.apiVersion}' is not a dated version (yyyy-mm-dd); pin a literal version`,
          },
        ];
      }),
    ),
};
