// `az login --service-principal`: the stand-in signs in at the sandbox's Entra token endpoint with the principal's
// secret, as az does, keeps the login in the profile directory (AZURE_CONFIG_DIR, else ~/.azure) and sends every
// later call with a token of that principal, so each step runs with exactly the rights its principal has.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AzError } from './errors';
import { requestForm } from './http-client';
import type { StandinContext } from './sandbox-context';

export interface Profile {
  tenantId: string;
  clientId: string;
  /** Kept in the profile directory (mode 0600), as az keeps a service principal's secret in its token cache. */
  secret: string;
  subscriptionId?: string;
  tokens: Record<string, { token: string; expiresOn: number }>;
}

export const scopeFor = {
  arm: 'https://management.azure.com/.default',
  graph: 'https://graph.microsoft.com/.default',
  keyVault: 'https://vault.azure.net/.default',
} as const;

function profilePath(env: NodeJS.ProcessEnv): string {
  return join(env.AZURE_CONFIG_DIR ?? join(env.HOME ?? homedir(), '.azure'), 'haymaker-standin-profile.json');
}

export function readProfile(env: NodeJS.ProcessEnv): Profile | undefined {
  const path = profilePath(env);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Profile;
  } catch {
    return undefined;
  }
}

export function writeProfile(env: NodeJS.ProcessEnv, profile: Profile): void {
  const path = profilePath(env);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(profile), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function removeProfile(env: NodeJS.ProcessEnv): void {
  rmSync(profilePath(env), { force: true });
}

export function requireProfile(env: NodeJS.ProcessEnv): Profile {
  const profile = readProfile(env);
  if (!profile) throw new AzError("Please run 'az login' to setup account.");
  return profile;
}

/** A token for `scope` from the token endpoint; Entra's AADSTS answer becomes az's error. */
export async function signIn(
  ctx: StandinContext,
  profile: Pick<Profile, 'tenantId' | 'clientId' | 'secret'>,
  scope: string,
): Promise<{ token: string; expiresOn: number }> {
  const r = await requestForm(ctx.ca, `${ctx.login}/${profile.tenantId}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: profile.clientId,
    client_secret: profile.secret,
    scope,
  });
  const body = r.body as
    { access_token?: string; expires_in?: number; error_description?: string } | undefined;
  if (r.status !== 200 || !body?.access_token)
    throw new AzError(
      `${(body?.error_description ?? `the token endpoint answered ${r.status}`).split('\r\n')[0]}`,
      1,
    );
  return { token: body.access_token, expiresOn: Date.now() + (body.expires_in ?? 3600) * 1000 };
}

/** The bearer token for a sandbox URL: the profile's cached token for that resource, or a fresh one. */
export function tokenProvider(ctx: StandinContext, env: NodeJS.ProcessEnv): (url: string) => Promise<string> {
  return async (url) => {
    const resource = url.startsWith(ctx.graph) ? 'graph' : url.startsWith(ctx.keyVault) ? 'keyVault' : 'arm';
    const profile = requireProfile(env);
    const cached = profile.tokens[resource];
    if (cached && cached.expiresOn - 5 * 60 * 1000 > Date.now()) return cached.token;
    const fresh = await signIn(ctx, profile, scopeFor[resource]);
    profile.tokens[resource] = fresh;
    writeProfile(env, profile);
    return fresh.token;
  };
}
