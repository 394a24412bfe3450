/**
 * Percent-decodes one path segment. An invalid escape (`%ff%fe`, a lone `%`) is kept as it came, as Kestrel's path
 * decoder leaves an invalid sequence undecoded (dotnet/aspnetcore src/Shared/UrlDecoder/UrlDecoder.cs) instead of
 * failing the request: the handler then sees an id that matches nothing and answers 4xx.
 */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches Functions route templates: `items/{id}`, `{id:int}`, `{name?}`, `{*rest}`. */
export function matchRoute(template: string, path: string): Record<string, string> | undefined {
  const tSegs = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter(Boolean);
  const pSegs = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < tSegs.length; i++) {
    const t = tSegs[i];
    const param = /^\{(\*?)([A-Za-z_][\w]*)(?::([a-z]+))?(\?)?\}$/.exec(t);
    if (!param) {
      if (pSegs[i] === undefined || pSegs[i].toLowerCase() !== t.toLowerCase()) return undefined;
      continue;
    }
    const [, catchAll, name, constraint, optional] = param;
    if (catchAll) {
      params[name] = pSegs.slice(i).map(decodeSegment).join('/');
      return params;
    }
    const value = pSegs[i];
    if (value === undefined) {
      if (optional) continue;
      return undefined;
    }
    const decoded = decodeSegment(value);
    if (constraint === 'int' && !/^-?\d+$/.test(decoded)) return undefined;
    if (constraint === 'guid' && !/^[0-9a-f-]{32,36}$/i.test(decoded)) return undefined;
    params[name] = decoded;
  }
  return pSegs.length <= tSegs.length ? params : undefined;
}
