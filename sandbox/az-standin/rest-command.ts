// `az rest` → the sandbox endpoint standing in for the Azure host the URL names, with the signed-in principal's
// token for that resource, so a raw REST call meets the same authorization as the typed commands do.
// az's rules (https://learn.microsoft.com/cli/azure/reference-index#az-rest): a URL that starts with '/' is prefixed
// with the ARM endpoint; a token is attached only for a host az can derive a resource for (ARM, Graph, Key Vault);
// the answer is printed as it came, without following long-running operations; an answer of 400 or above fails.
import { readFileSync } from 'node:fs';
import type { ParsedArgs } from './args';
import { AzError, usageError } from './errors';
import type { CommandIo, CommandResult } from './io';

const ARM_HOST = 'management.azure.com';
const GRAPH_HOST = 'graph.microsoft.com';
const VAULT_SUFFIX = '.vault.azure.net';

/** argparse keeps the last value of a repeated option (`--method get --method delete` is a DELETE). */
function last(args: ParsedArgs, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const values = args.options.get(name);
    if (values && values.length > 0) found = values[values.length - 1];
  }
  return found;
}

/** The sandbox URL standing in for an Azure URL; undefined for any other host (no sandbox stands behind it). */
export function sandboxUrl(io: CommandIo, url: string): string | undefined {
  const absolute = url.startsWith('/') ? `https://${ARM_HOST}${url}` : url;
  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    throw usageError(`argument --url/--uri/-u: invalid url: ${url}`);
  }
  // Only the real hosts over https on the default port with no user info are Azure's.
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password)
    return undefined;
  // The sandbox's own admin routes live beside its Azure endpoints; Azure has no such path, so az reaches nothing.
  if (/^\/*_sandbox(\/|$)/i.test(decodeURIComponent(parsed.pathname)))
    throw new AzError(
      `Not Found({"error":{"code":"NotFound","message":"${parsed.pathname} is not an Azure path"}})`,
    );
  const host = parsed.hostname.toLowerCase();
  const base =
    host === ARM_HOST
      ? io.ctx.arm
      : host === GRAPH_HOST
        ? io.ctx.graph
        : host.endsWith(VAULT_SUFFIX)
          ? io.ctx.keyVault
          : undefined;
  return base === undefined ? undefined : `${base}${parsed.pathname}${parsed.search}`;
}

function body(args: ParsedArgs): unknown {
  const raw = last(args, 'body', 'b');
  if (raw === undefined) return undefined;
  const text = raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw;
  try {
    return JSON.parse(text);
  } catch {
    throw usageError(`argument --body/-b: not valid JSON: ${text.slice(0, 80)}`);
  }
}

export async function restCommand(io: CommandIo): Promise<CommandResult> {
  const url = last(io.args, 'url', 'uri', 'u');
  if (!url) throw usageError('the following arguments are required: --url/--uri/-u');
  const method = (last(io.args, 'method', 'm') ?? 'get').toUpperCase();
  const target = sandboxUrl(io, url);
  if (target === undefined)
    // A host outside Azure: nothing in the sandbox stands behind it and this machine has no route out.
    throw new AzError(`Failed to connect to ${url}: the sandbox has no route to hosts outside Azure`);
  const r = await io.http.send(method, target, body(io.args));
  if (r.status >= 400) throw new AzError(`${r.status} ${JSON.stringify(r.body ?? '')}`);
  return { value: r.body };
}
