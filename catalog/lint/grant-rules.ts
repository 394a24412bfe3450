// Rules about what a scenario's principal is granted (AUTHORING.md "Grants"): its roles exist and can never assign
// roles, what HayMaker will refuse, and steps that act outside the scenario's resource groups, where the principal
// holds nothing (Azure would answer 403). Only what is statically visible is judged: a value computed at run time
// (`$(az … --query id)`) is left to Azure.
import { findRoleByName } from '../../core/authorization/role-catalogue';
import { canWriteRoleAssignments, grantRefusals } from '../../core/authorization/scenario-grants';
import {
  azInvocations,
  expandVariables,
  flagValues,
  type AzInvocation,
  type LintIssue,
} from '../../core/scenario';
import type { ScenarioContext } from './context';

/** Commands whose target is always the subscription (location-based deleted-resource APIs, subscription deployments). */
const SUBSCRIPTION_SCOPED: Readonly<Record<string, string>> = {
  'keyvault purge':
    'purging a deleted vault is a subscription-scope action (…/locations/{loc}/deletedVaults)',
  'keyvault recover': 'recovering a deleted vault is a subscription-scope action',
  'cognitiveservices account purge':
    'purging a deleted account is a subscription-scope action (…/locations/{loc}/resourceGroups/{rg}/deletedAccounts)',
  'cognitiveservices account recover': 'recovering a deleted account is a subscription-scope action',
  'apim deletedservice purge':
    'purging a deleted API Management instance is a subscription-scope action (…/locations/{loc}/deletedservices)',
  'deployment sub create': 'a subscription deployment acts at subscription scope',
};
/** Commands that act at the subscription unless told a narrower --scope or --resource-group. */
const SUBSCRIPTION_BY_DEFAULT = new Set(['role assignment create', 'policy assignment create']);
const GROUP_VERBS = new Set(['create', 'delete', 'update', 'show', 'exists', 'wait']);

export function checkGrants(ctx: ScenarioContext): LintIssue[] {
  const fm = ctx.scenario.frontMatter;
  const line = (field: string) => ctx.scenario.fieldLines[field] ?? 1;
  const issues: LintIssue[] = [];
  for (const name of [...fm.roles, ...(fm.roleAssignments?.roles ?? [])]) {
    const role = findRoleByName(name);
    if (!role)
      issues.push(ctx.issue(line('roles'), 'grant-invalid', `'${name}' is not an Azure built-in role`));
    else if (role.roleName !== name)
      issues.push(
        ctx.issue(line('roles'), 'grant-invalid', `write the role as Azure names it: '${role.roleName}'`),
      );
  }
  for (const name of fm.roles) {
    const role = findRoleByName(name);
    if (role && canWriteRoleAssignments(role))
      issues.push(
        ctx.issue(
          line('roles'),
          'grant-invalid',
          `'${role.roleName}' can write role assignments: no scenario principal may hold it; declare the roles the steps assign under roleAssignments instead`,
        ),
      );
  }
  for (const reason of grantRefusals(fm))
    issues.push(
      ctx.issue(line('roles'), 'grant-refused', `HayMaker will refuse this scenario at selection: ${reason}`),
    );
  return issues;
}

/** The declared groups' names with the lint's sample run short, lower case. */
function declaredGroups(ctx: ScenarioContext): Set<string> {
  return new Set(
    ctx.scenario.frontMatter.resourceGroups.flatMap((v) => {
      const value = ctx.env.get(v);
      return value ? [value.toLowerCase()] : [];
    }),
  );
}

export function checkOutsideGroups(
  ctx: ScenarioContext,
  invocations = azInvocations(ctx.scenario),
): LintIssue[] {
  const groups = declaredGroups(ctx);
  const declared = ctx.scenario.frontMatter.resourceGroups.join(', ');
  const issues: LintIssue[] = [];
  const outside = (inv: AzInvocation, what: string) =>
    issues.push(
      ctx.issue(
        inv.line,
        'outside-resource-groups',
        `\`az ${inv.path.join(' ')}\` ${what}: the scenario principal holds roles only at its resource groups (${declared}), so Azure refuses it`,
      ),
    );
  const resolved = (text: string) => expandVariables(text, ctx.env);
  const inGroups = (id: string) => {
    const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)(?:\/|$)/i.exec(id);
    return m !== null && groups.has(m[1]!.toLowerCase());
  };
  for (const inv of invocations) {
    const path = inv.path.join(' ');
    const scoped = SUBSCRIPTION_SCOPED[path];
    if (scoped) {
      outside(inv, scoped);
      continue;
    }
    if (inv.path[0] === 'group' && GROUP_VERBS.has(inv.path[1] ?? '')) {
      for (const w of flagValues(inv, ['--name', '-n', '--resource-group', '-g'])) {
        const name = resolved(w.text);
        if (name !== null && !groups.has(name.toLowerCase()))
          outside(inv, `names resource group "${name}", which is not one of the scenario's`);
      }
      continue;
    }
    for (const w of flagValues(inv, ['--resource-group', '-g'])) {
      const name = resolved(w.text);
      if (name !== null && !groups.has(name.toLowerCase()))
        outside(inv, `works in resource group "${name}", which is not one of the scenario's`);
    }
    for (const w of flagValues(inv, ['--scope', '--ids'])) {
      const id = resolved(w.text);
      if (id !== null && id.startsWith('/') && !inGroups(id)) outside(inv, `targets ${id}`);
    }
    if (
      SUBSCRIPTION_BY_DEFAULT.has(path) &&
      flagValues(inv, ['--scope', '--resource-group', '-g']).length === 0
    )
      outside(inv, 'has no --scope or --resource-group, so it acts at the subscription');
  }
  return issues;
}

export function checkRoleAssignmentsDeclared(
  ctx: ScenarioContext,
  invocations = azInvocations(ctx.scenario),
): LintIssue[] {
  const declared = new Set(
    (ctx.scenario.frontMatter.roleAssignments?.roles ?? []).map((r) => r.toLowerCase()),
  );
  return invocations
    .filter((inv) => inv.path.join(' ') === 'role assignment create')
    .flatMap((inv) =>
      flagValues(inv, ['--role']).flatMap((w) => {
        const role = resolved(w.text, ctx);
        return role === null || declared.has(role.toLowerCase())
          ? []
          : [
              ctx.issue(
                inv.line,
                'role-assignment-undeclared',
                `assigns '${role}', which the front matter does not declare under roleAssignments.roles`,
              ),
            ];
      }),
    );
}

const resolved = (text: string, ctx: ScenarioContext) => expandVariables(text, ctx.env);
