// Azure RBAC action strings with wildcards ("*/read", "Microsoft.Authorization/*/Write"), matched the way Azure does:
// case-insensitive, `*` standing for any run of characters.
// https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions
import type { RoleDefinition } from './role-catalogue';

const cache = new Map<string, RegExp>();

export function actionPatternMatches(pattern: string, action: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(pattern, re);
  }
  return re.test(action);
}

/** True when one of the role's permission blocks grants the control-plane action (actions minus notActions). */
export function roleAllowsAction(role: RoleDefinition, action: string): boolean {
  return role.permissions.some(
    (p) =>
      p.actions.some((a) => actionPatternMatches(a, action)) &&
      !p.notActions.some((n) => actionPatternMatches(n, action)),
  );
}
