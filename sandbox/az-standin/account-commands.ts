// `az login`, `az logout`, `az account …`: signing in as a service principal at the sandbox's Entra, as
// `az login --service-principal` does, then the subscriptions the principal can see (ARM's subscription list).
import { opt } from './args';
import { AzError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';
import { removeProfile, requireProfile, scopeFor, signIn, writeProfile, type Profile } from './login';

interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  tenantId: string;
}

function account(io: CommandIo, profile: Profile, s: Subscription): Record<string, unknown> {
  return {
    cloudName: 'AzureCloud',
    id: s.subscriptionId,
    tenantId: s.tenantId,
    homeTenantId: s.tenantId,
    isDefault: s.subscriptionId === profile.subscriptionId,
    name: s.displayName,
    state: s.state,
    user: { name: profile.clientId, type: 'servicePrincipal' },
  };
}

async function subscriptions(io: CommandIo): Promise<Subscription[]> {
  const r = await io.http.send('GET', `${io.ctx.arm}/subscriptions?api-version=2022-12-01`);
  if (!ok(r)) throw restError(r, 'listing subscriptions');
  return ((r.body as { value?: Subscription[] }).value ?? []) as Subscription[];
}

async function login(io: CommandIo): Promise<CommandResult> {
  const clientId = opt(io.args, 'username') ?? opt(io.args, 'u');
  const secret = opt(io.args, 'password') ?? opt(io.args, 'p');
  const tenantId = opt(io.args, 'tenant') ?? opt(io.args, 't') ?? io.ctx.tenantId;
  if (!io.args.options.has('service-principal') || !clientId || !secret)
    throw new AzError(
      'the sandbox az stand-in signs in service principals only: az login --service-principal --username APP_ID --password SECRET --tenant TENANT',
      2,
    );
  const token = await signIn(io.ctx, { tenantId, clientId, secret }, scopeFor.arm);
  const profile: Profile = { tenantId, clientId, secret, tokens: { arm: token } };
  writeProfile(io.env, profile);
  const found = await subscriptions(io);
  if (found.length === 0 && !io.args.options.has('allow-no-subscriptions')) {
    removeProfile(io.env);
    throw new AzError(
      `No subscriptions found for ${clientId}. If this is expected, use '--allow-no-subscriptions' to have tenant level access.`,
    );
  }
  profile.subscriptionId =
    found.find((s) => s.subscriptionId.toLowerCase() === io.ctx.subscriptionId.toLowerCase())
      ?.subscriptionId ?? found[0]?.subscriptionId;
  writeProfile(io.env, profile);
  return { value: found.map((s) => account(io, profile, s)) };
}

export async function accountCommand(io: CommandIo, path: string[]): Promise<CommandResult> {
  if (path[0] === 'login') return login(io);
  if (path[0] === 'logout') {
    removeProfile(io.env);
    return {};
  }
  const verb = path[1];
  if (verb === 'get-access-token') {
    const profile = requireProfile(io.env);
    const resource = opt(io.args, 'resource');
    const scope =
      opt(io.args, 'scope') ?? (resource ? `${resource.replace(/\/$/, '')}/.default` : scopeFor.arm);
    const token = await signIn(io.ctx, profile, scope);
    return {
      value: {
        accessToken: token.token,
        expiresOn: new Date(token.expiresOn).toISOString().replace('T', ' ').slice(0, 19),
        expires_on: Math.floor(token.expiresOn / 1000),
        tokenType: 'Bearer',
        subscription: profile.subscriptionId,
        tenant: profile.tenantId,
      },
    };
  }
  const profile = requireProfile(io.env);
  const found = await subscriptions(io);
  if (verb === 'list') return { value: found.map((s) => account(io, profile, s)) };
  if (verb === 'set') {
    const wanted = opt(io.args, 'subscription') ?? opt(io.args, 's') ?? '';
    const match = found.find(
      (s) => s.subscriptionId.toLowerCase() === wanted.toLowerCase() || s.displayName === wanted,
    );
    if (!match) throw new AzError(`The subscription of '${wanted}' doesn't exist in cloud 'AzureCloud'.`, 1);
    profile.subscriptionId = match.subscriptionId;
    writeProfile(io.env, profile);
    return {};
  }
  if (verb === 'show') {
    const current = found.find((s) => s.subscriptionId === profile.subscriptionId) ?? found[0];
    if (!current) throw new AzError("Please run 'az login' to setup account.");
    return { value: account(io, profile, current) };
  }
  return { value: {}, simulated: true };
}
