// The one table of HayMaker's identities and grants (core/authorization/identities.json): Bicep builds its role assignments
// from it and the sandbox seeds exactly these grants. This module validates it and answers questions about it.
import { z } from 'zod';
import tableJson from './identities.json';
import { findRoleByName } from './role-catalogue';

const guidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const identitiesTableSchema = z
  .object({
    about: z.string(),
    identities: z.record(
      z.string(),
      z.object({ kind: z.enum(['userAssignedIdentity', 'deploymentPrincipal']), what: z.string().min(1) }),
    ),
    scopes: z.record(z.string(), z.string().min(1)),
    roleAssignments: z.array(
      z
        .object({
          identity: z.string(),
          /** A built-in role's name, exactly as Azure spells it (the catalogue resolves it to an id). */
          role: z.string(),
          scope: z.string(),
          condition: z.string().min(1).optional(),
          conditionVersion: z.literal('2.0').optional(),
          why: z.string().min(1),
        })
        .strict(),
    ),
    graphAppPermissions: z.array(
      z
        .object({
          identity: z.string(),
          /** A Microsoft Graph application permission (app role value), e.g. Application.ReadWrite.OwnedBy. */
          permission: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)+$/),
          grantedBy: z.string().min(1),
          why: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((table, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    table.roleAssignments.forEach((g, i) => {
      if (!table.identities[g.identity])
        issue(['roleAssignments', i, 'identity'], `unknown identity '${g.identity}'`);
      if (!table.scopes[g.scope]) issue(['roleAssignments', i, 'scope'], `unknown scope symbol '${g.scope}'`);
      const role = findRoleByName(g.role);
      if (!role) issue(['roleAssignments', i, 'role'], `'${g.role}' is not a built-in role in the catalogue`);
      else if (role.roleName !== g.role)
        issue(['roleAssignments', i, 'role'], `write the role as Azure names it: '${role.roleName}'`);
      if ((g.condition === undefined) !== (g.conditionVersion === undefined))
        issue(
          ['roleAssignments', i, 'conditionVersion'],
          'a condition needs conditionVersion "2.0" and vice versa',
        );
    });
    const seen = new Set<string>();
    table.roleAssignments.forEach((g, i) => {
      const key = `${g.identity}|${g.role}|${g.scope}`;
      if (seen.has(key)) issue(['roleAssignments', i], `duplicate grant ${key.replace(/\|/g, ' / ')}`);
      seen.add(key);
    });
    table.graphAppPermissions.forEach((p, i) => {
      if (!table.identities[p.identity])
        issue(['graphAppPermissions', i, 'identity'], `unknown identity '${p.identity}'`);
    });
  });

export type IdentitiesTable = z.infer<typeof identitiesTableSchema>;
export type TableRoleAssignment = IdentitiesTable['roleAssignments'][number];

/** The committed table, validated once. */
export const identitiesTable: IdentitiesTable = identitiesTableSchema.parse(tableJson);

/** The role assignments the table gives one identity. */
export function grantsOf(identity: string, table: IdentitiesTable = identitiesTable): TableRoleAssignment[] {
  return table.roleAssignments.filter((g) => g.identity === identity);
}

/** The Graph application permissions the table gives one identity. */
export function graphPermissionsOf(identity: string, table: IdentitiesTable = identitiesTable): string[] {
  return table.graphAppPermissions.filter((p) => p.identity === identity).map((p) => p.permission);
}

/** Every GUID written in the table's conditions (they name roles; the catalogue test checks each). */
export function conditionGuids(table: IdentitiesTable = identitiesTable): string[] {
  return table.roleAssignments.flatMap((g) => g.condition?.match(guidPattern) ?? []);
}
