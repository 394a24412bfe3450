// `az keyvault secret set|show|delete|list` → the sandbox's Key Vault data plane (one vault answers
// every --vault-name; names are kept apart by the scenario's run-derived secret names).
import { opt } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';

const API = '7.5';

export async function keyVaultSecretCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const vault = opt(io.args, 'vault-name') ?? opt(io.args, 'id');
  if (!vault) throw usageError('the following arguments are required: --vault-name');
  if (verb === 'list') {
    const r = await io.http.send('GET', `${io.ctx.keyVault}/secrets?api-version=${API}`);
    if (!ok(r)) throw restError(r, 'list secrets');
    return { value: (r.body as { value?: unknown[] }).value ?? [] };
  }
  const name = opt(io.args, 'name');
  if (!name) throw usageError('the following arguments are required: --name/-n');
  const secretUrl = `${io.ctx.keyVault}/secrets/${encodeURIComponent(name)}`;
  if (verb === 'set') {
    const value = opt(io.args, 'value') ?? '';
    const r = await io.http.send('PUT', `${secretUrl}?api-version=${API}`, { value });
    if (!ok(r)) throw restError(r, `set secret ${name}`);
    return { value: r.body };
  }
  if (verb === 'show') {
    const r = await io.http.send('GET', `${secretUrl}?api-version=${API}`);
    if (!ok(r)) throw restError(r, `show secret ${name}`);
    return { value: r.body };
  }
  if (verb === 'delete') {
    const r = await io.http.send('DELETE', `${secretUrl}?api-version=${API}`);
    if (!ok(r)) throw restError(r, `delete secret ${name}`);
    return { value: r.body };
  }
  return { value: {}, simulated: true };
}
