// `az monitor diagnostic-settings create|show|list|delete --resource ID` → the resource's diagnostic settings
// (DiagnosticSettings_*, api-version 2021-05-01-preview), an extension resource under `{ID}/providers/Microsoft.Insights`.
import { opt } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';
import { azView, type ArmJson } from './resource-view';

const API = '2021-05-01-preview';

const json = (io: CommandIo, name: string): unknown => {
  const text = opt(io.args, name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`--${name}: not valid JSON: ${text}`);
  }
};

export async function diagnosticSettingsCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const resource = opt(io.args, 'resource');
  if (!resource) throw usageError('the following arguments are required: --resource');
  const base = `${io.ctx.arm}${resource}/providers/Microsoft.Insights/diagnosticSettings`;
  if (verb === 'list') {
    const r = await io.http.send('GET', `${base}?api-version=${API}`);
    if (!ok(r)) throw restError(r, `list diagnostic settings of ${resource}`);
    return { value: ((r.body as { value?: ArmJson[] }).value ?? []).map(azView) };
  }
  const name = opt(io.args, 'name');
  if (!name) throw usageError('the following arguments are required: --name/-n');
  const url = `${base}/${name}?api-version=${API}`;
  if (verb === 'create') {
    const properties = {
      workspaceId: opt(io.args, 'workspace'),
      storageAccountId: opt(io.args, 'storage-account'),
      eventHubAuthorizationRuleId: opt(io.args, 'event-hub-rule'),
      logs: json(io, 'logs'),
      metrics: json(io, 'metrics'),
    };
    const body = {
      properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)),
    };
    const r = await io.http.send('PUT', url, body);
    if (!ok(r)) throw restError(r, `create diagnostic setting ${name}`);
    return { value: azView(r.body as ArmJson) };
  }
  if (verb === 'show') {
    const r = await io.http.send('GET', url);
    if (!ok(r)) throw restError(r, `show diagnostic setting ${name}`);
    return { value: azView(r.body as ArmJson) };
  }
  if (verb === 'delete') {
    const r = await io.http.send('DELETE', url);
    if (!ok(r)) throw restError(r, `delete diagnostic setting ${name}`);
    return { value: undefined };
  }
  return { value: {}, simulated: true };
}
