// Azure's action pattern matching: `*` matches any run of characters (including `/`), comparison ignores case
// (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions).
const cache = new Map<string, RegExp>();

export function actionMatches(pattern: string, action: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 'i');
    cache.set(pattern, regex);
  }
  return regex.test(action);
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
