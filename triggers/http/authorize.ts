// Who may call which route. Two rights: `read` (every GET but health) and `operate` (start, terminate, rewind, the
// janitor); operate includes read. In Azure the caller signs in with Entra ID through App Service authentication,
// which validates the token and hands the app the caller's claims in X-MS-CLIENT-PRINCIPAL; the app roles
// HayMaker.Read and HayMaker.Operate (bicep/modules/api-auth.bicep) are `roles` claims there. App Service strips that
// header from outside requests, so it is trusted only in `entra` mode; locally (`keys` mode) the header means nothing
// and two keys, one per right, are compared in constant time.
// Source: https://learn.microsoft.com/en-us/azure/app-service/configure-authentication-user-identities
// ("External requests aren't allowed to set these headers"; the decoded header is {auth_typ, claims[{typ,val}],
// name_typ, role_typ}).
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from './respond';

export type ApiRight = 'read' | 'operate';
/** What a route needs: nothing (health), or one right. */
export type RouteRight = 'public' | ApiRight;

export const PRINCIPAL_HEADER = 'x-ms-client-principal';
export const KEY_HEADER = 'x-functions-key';
export const APP_ROLES: Record<ApiRight, string> = { read: 'HayMaker.Read', operate: 'HayMaker.Operate' };

export interface ApiAuthSettings {
  mode: 'entra' | 'keys';
  readKey?: string;
  operateKey?: string;
}

/**
 * HAYMAKER_API_AUTH chooses the mode: `entra` by default in production, `keys` when HAYMAKER_ENVIRONMENT=local.
 * Keys shorter than 16 characters are ignored, so an empty or placeholder setting never opens the API.
 */
export function apiAuthSettings(env: NodeJS.ProcessEnv): ApiAuthSettings {
  const local = env.HAYMAKER_ENVIRONMENT === 'local';
  const mode = env.HAYMAKER_API_AUTH === 'keys' || (!env.HAYMAKER_API_AUTH && local) ? 'keys' : 'entra';
  const key = (value: string | undefined) => (value && value.length >= 16 ? value : undefined);
  const readKey = key(env.HAYMAKER_API_READ_KEY);
  const operateKey = key(env.HAYMAKER_API_OPERATE_KEY);
  return { mode, ...(readKey ? { readKey } : {}), ...(operateKey ? { operateKey } : {}) };
}

const principalSchema = z.object({
  auth_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
  role_typ: z.string().optional(),
});

/** The app roles named in an X-MS-CLIENT-PRINCIPAL value; an unreadable header grants nothing. */
export function rolesOfPrincipal(header: string): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return [];
  }
  const parsed = principalSchema.safeParse(decoded);
  if (!parsed.success) return [];
  const roleType = parsed.data.role_typ ?? 'roles';
  return parsed.data.claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val);
}

/** Equal lengths by hashing first, so the comparison leaks neither content nor length. */
function sameKey(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The rights a request carries: `undefined` when it carries no valid credential. */
export function rightsOf(headers: Headers, auth: ApiAuthSettings): Set<ApiRight> | undefined {
  if (auth.mode === 'entra') {
    const principal = headers.get(PRINCIPAL_HEADER);
    if (!principal) return undefined;
    const roles = rolesOfPrincipal(principal);
    if (roles.includes(APP_ROLES.operate)) return new Set(['operate', 'read']);
    return new Set(roles.includes(APP_ROLES.read) ? ['read'] : []);
  }
  const key = headers.get(KEY_HEADER);
  if (!key) return undefined;
  if (auth.operateKey && sameKey(key, auth.operateKey)) return new Set(['operate', 'read']);
  if (auth.readKey && sameKey(key, auth.readKey)) return new Set(['read']);
  return undefined; // a wrong key is no credential: 401, like the Functions host
}

/** Throws 401 without a credential, 403 with one that lacks the right. */
export function authorize(headers: Headers, needed: RouteRight, auth: ApiAuthSettings): void {
  if (needed === 'public') return;
  const rights = rightsOf(headers, auth);
  const how =
    auth.mode === 'entra'
      ? `sign in with Entra ID (app role ${APP_ROLES[needed]})`
      : `send the ${needed} key in ${KEY_HEADER}`;
  if (!rights) throw new ApiError('unauthorized', `this route needs the ${needed} right: ${how}`);
  if (!rights.has(needed))
    throw new ApiError('forbidden', `this route needs the ${needed} right, which the caller lacks: ${how}`);
}
