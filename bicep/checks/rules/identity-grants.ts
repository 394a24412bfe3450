import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { identitiesTableSchema } from '../../../core/authorization/identities-table';
import type { Rule } from '../rule';
import { lineOf, propertyPath, resourceDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

/** The one table of identities and grants: the file of that name the Bicep sources load with loadJsonContent. */
export const IDENTITIES_TABLE = 'identities.json';
const tableLoad = /loadJsonContent\(\s*'([^']*identities\.json)'/;

const scopeFilter = /\.scope\s*==\s*'([A-Za-z0-9]+)'/g;

/**
 * Role assignments come from core/authorization/identities.json: each is a loop over the table's grants of one scope symbol with
 * its role id looked up by name (`roleIds[g.role]`), and every scope symbol the table grants at is deployed by
 * exactly one such loop, so the table and the deployment cannot drift apart.
 */
export const identityGrantsRule: Rule = {
  name: 'identity-grants',
  description:
    'Role assignments are built from identities.json (a loop per scope symbol, role ids through the catalogue), and every scope the table grants at is deployed exactly once.',
  check: ({ root, files }) => {
    const loading = files
      .map((f) => ({ f, path: tableLoad.exec(f.root.text)?.[1] }))
      .find((l) => l.path !== undefined);
    if (!loading) return [];
    const tablePath = resolve(dirname(loading.f.absolutePath), loading.path!);
    const tableFile = relative(root, tablePath).split('\\').join('/');
    if (!existsSync(tablePath))
      return [
        { file: loading.f.file, line: 1, rule: 'identity-grants', message: `${tableFile} does not exist` },
      ];
    const violations: Violation[] = [];
    const parsed = identitiesTableSchema.safeParse(JSON.parse(readFileSync(tablePath, 'utf8')));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        violations.push({
          file: tableFile,
          line: 1,
          rule: 'identity-grants',
          message: `${issue.path.join('.')}: ${issue.message}`,
        });
      return violations;
    }
    const table = parsed.data;
    const consumers = new Map<string, { file: string; line: number }[]>();
    for (const f of files) {
      const source = f.root.text;
      for (const match of source.matchAll(scopeFilter)) {
        const line = source.slice(0, match.index).split('\n').length;
        consumers.set(match[1], [...(consumers.get(match[1]) ?? []), { file: f.file, line }]);
        if (!table.scopes[match[1]])
          violations.push({
            file: f.file,
            line,
            rule: 'identity-grants',
            message: `scope symbol '${match[1]}' is not declared in ${IDENTITIES_TABLE} "scopes"`,
          });
      }
      for (const r of resourceDeclarations(f.root).filter(
        (d) => d.type === 'Microsoft.Authorization/roleAssignments' && !d.existing,
      )) {
        const at = { file: f.file, line: lineOf(r.node), rule: 'identity-grants' };
        const looped = r.node.namedChildren.some((c) => c.type === 'for_statement');
        const roleId = propertyPath(r.body, 'properties', 'roleDefinitionId')?.text ?? '';
        if (!looped || !roleId.includes('roleIds['))
          violations.push({
            ...at,
            message: `role assignment '${r.symbol}' is not built from ${IDENTITIES_TABLE}: loop over the table's grants of one scope and resolve the role with roleIds[g.role] (loadJsonContent of the catalogue's $.ids)`,
          });
      }
    }
    for (const symbol of new Set(table.roleAssignments.map((g) => g.scope))) {
      const found = consumers.get(symbol) ?? [];
      if (found.length !== 1)
        violations.push({
          file: tableFile,
          line: 1,
          rule: 'identity-grants',
          message:
            found.length === 0
              ? `the table grants at '${symbol}' but no Bicep loop deploys it (filter(table.roleAssignments, g => g.scope == '${symbol}' …))`
              : `'${symbol}' is deployed by ${found.length} loops (${found.map((c) => `${c.file}:${c.line}`).join(', ')}); one only`,
        });
    }
    return violations;
  },
};
