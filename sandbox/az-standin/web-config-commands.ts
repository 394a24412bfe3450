// `az webapp|functionapp config …` and `az webapp log config|show`: the site's configuration documents
// (sites/{name}[/slots/{slot}]/config/{web|appsettings|logs|slotConfigNames}), read and written as az does
// (https://github.com/Azure/azure-cli, src/azure-cli/azure/cli/command_modules/appservice/custom.py and
// access_restrictions.py): app settings are listed with POST config/appsettings/list
// (Microsoft.Web/sites/config/list/action) and replaced with PUT config/appsettings; site config, access
// restrictions and container settings are a GET then PUT of config/web; logs a PUT of config/logs.
import { opt } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';
import { apiVersionFor } from './resource-commands';
import { azView, type ArmJson } from './resource-view';

type Settings = Record<string, unknown>;

const camel = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function siteId(io: CommandIo): string {
  const rg = opt(io.args, 'resource-group');
  const name = opt(io.args, 'name');
  if (!rg || !name) throw usageError('the following arguments are required: --name/-n, --resource-group/-g');
  const slot = opt(io.args, 'slot');
  const site = `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Web/sites/${name}`;
  return slot ? `${site}/slots/${slot}` : site;
}

const url = (io: CommandIo, path: string) =>
  `${io.ctx.arm}${siteId(io)}/config/${path}?api-version=${apiVersionFor('Microsoft.Web/sites')}`;

const withoutState = (properties: Settings | undefined): Settings => {
  const { provisioningState: _state, ...rest } = properties ?? {};
  return rest;
};

async function readConfig(io: CommandIo, name: string): Promise<Settings> {
  const r = await io.http.send('GET', url(io, name));
  if (!ok(r)) throw restError(r, `GET config/${name}`);
  return withoutState((r.body as ArmJson).properties);
}

async function writeConfig(io: CommandIo, name: string, properties: Settings): Promise<Settings> {
  const r = await io.http.arm('PUT', url(io, name), { properties });
  if (!ok(r)) throw restError(r, `PUT config/${name}`);
  return withoutState((r.body as ArmJson).properties);
}

async function listAppSettings(io: CommandIo): Promise<Settings> {
  const r = await io.http.send('POST', url(io, 'appsettings/list'));
  if (!ok(r)) throw restError(r, 'list application settings');
  return withoutState((r.body as ArmJson).properties);
}

/** `[{ name, value, slotSetting }]`; after a set az redacts the values (`_build_app_settings_output(..., redact=True)`). */
function settingsOutput(settings: Settings, slotNames: string[], redact: boolean): unknown[] {
  return Object.entries(settings).map(([name, value]) => ({
    name,
    value: redact ? null : value,
    slotSetting: slotNames.includes(name),
  }));
}

const pairs = (values: string[] | undefined): Settings =>
  Object.fromEntries(
    (values ?? []).map((kv) => {
      const eq = kv.indexOf('=');
      if (eq < 0) throw usageError(`expected KEY=VALUE, got '${kv}'`);
      return [kv.slice(0, eq), kv.slice(eq + 1)];
    }),
  );

async function setAppSettings(io: CommandIo, extra: Settings = {}): Promise<unknown[]> {
  const settings = pairs(io.args.options.get('settings'));
  const slotSettings = pairs(io.args.options.get('slot-settings'));
  const all = { ...(await listAppSettings(io)), ...settings, ...slotSettings, ...extra };
  let slotNames: string[] = [];
  if (Object.keys(slotSettings).length > 0) {
    // Slot settings are named in the production site's slotConfigNames, whichever slot is addressed.
    const names = await readConfig(io, 'slotConfigNames');
    slotNames = [...new Set([...((names.appSettingNames as string[]) ?? []), ...Object.keys(slotSettings)])];
    await writeConfig(io, 'slotConfigNames', { ...names, appSettingNames: slotNames });
  }
  return settingsOutput(await writeConfig(io, 'appsettings', all), slotNames, true);
}

/** Options of `config set` → SiteConfig properties (`--min-tls-version` → minTlsVersion); JSON merged as given. */
function siteConfigChanges(io: CommandIo): Settings {
  const changes: Settings = {};
  for (const [name, values] of io.args.options) {
    if (['name', 'resource-group', 'slot', 'output', 'query', 'generic-configurations'].includes(name))
      continue;
    changes[camel(name)] = values[0] === 'true' ? true : values[0] === 'false' ? false : values[0];
  }
  for (const json of io.args.options.get('generic-configurations') ?? [])
    Object.assign(changes, JSON.parse(json) as Settings);
  return changes;
}

type Restriction = Record<string, unknown> & { name?: string };

async function accessRestriction(io: CommandIo, verb: string): Promise<unknown> {
  const config = await readConfig(io, 'web');
  const scm = io.args.options.has('scm-site') && opt(io.args, 'scm-site') !== 'false';
  const key = scm ? 'scmIpSecurityRestrictions' : 'ipSecurityRestrictions';
  const rules = ((config[key] as Restriction[] | undefined) ?? []).filter((r) => r.name !== 'Allow all');
  const view = (c: Settings) => ({
    ipSecurityRestrictions: c.ipSecurityRestrictions ?? [],
    scmIpSecurityRestrictions: c.scmIpSecurityRestrictions ?? [],
    scmIpSecurityRestrictionsUseMain: c.scmIpSecurityRestrictionsUseMain ?? false,
  });
  if (verb === 'show') return view(config);
  if (verb === 'set') {
    const useMain = opt(io.args, 'use-same-restrictions-for-scm-site');
    const changes: Settings = {};
    if (useMain !== undefined) changes.scmIpSecurityRestrictionsUseMain = useMain === 'true';
    return view(await writeConfig(io, 'web', { ...config, ...changes }));
  }
  const ruleName = opt(io.args, 'rule-name');
  if (verb === 'remove') {
    const kept = rules.filter((r) => r.name !== ruleName);
    return (await writeConfig(io, 'web', { ...config, [key]: kept }))[key];
  }
  if (verb === 'add') {
    const rule: Restriction = {
      name: ruleName,
      action: opt(io.args, 'action') ?? 'Allow',
      priority: Number(opt(io.args, 'priority') ?? 300),
      ...(opt(io.args, 'ip-address') ? { ipAddress: opt(io.args, 'ip-address'), tag: 'Default' } : {}),
      ...(opt(io.args, 'service-tag') ? { ipAddress: opt(io.args, 'service-tag'), tag: 'ServiceTag' } : {}),
    };
    return (await writeConfig(io, 'web', { ...config, [key]: [...rules, rule] }))[key];
  }
  return undefined;
}

/**
 * `webapp log config --docker-container-logging|--web-server-logging filesystem|off`: az's config_diagnostics writes
 * a new SiteLogsConfig (`FileSystemHttpLogsConfig(retention_in_mb=100, retention_in_days=3, enabled)`) to config/logs.
 */
async function logConfig(io: CommandIo): Promise<Settings> {
  const option = opt(io.args, 'web-server-logging') ?? opt(io.args, 'docker-container-logging');
  const logs: Settings = {};
  if (option === 'filesystem' || option === 'off')
    logs.httpLogs = { fileSystem: { retentionInMb: 100, retentionInDays: 3, enabled: option !== 'off' } };
  return writeConfig(io, 'logs', logs);
}

/** `path` is the words after `webapp`/`functionapp`. */
export async function webConfigCommand(io: CommandIo, path: string[]): Promise<CommandResult> {
  const words = path.join(' ');
  if (words === 'config appsettings set') return { value: await setAppSettings(io) };
  if (words === 'config appsettings list') {
    const names = (await readConfig(io, 'slotConfigNames')).appSettingNames as string[] | undefined;
    return { value: settingsOutput(await listAppSettings(io), names ?? [], false) };
  }
  if (words === 'config show') return { value: azView({ properties: await readConfig(io, 'web') }) };
  if (words === 'config set') {
    const config = await readConfig(io, 'web');
    return {
      value: azView({ properties: await writeConfig(io, 'web', { ...config, ...siteConfigChanges(io) }) }),
    };
  }
  if (path[0] === 'config' && path[1] === 'access-restriction' && path.length === 3)
    return { value: await accessRestriction(io, path[2]) };
  if (words === 'config container set') {
    const image = opt(io.args, 'docker-custom-image-name') ?? opt(io.args, 'container-image-name');
    const registry = opt(io.args, 'docker-registry-server-url') ?? opt(io.args, 'container-registry-url');
    const settings = await setAppSettings(io, registry ? { DOCKER_REGISTRY_SERVER_URL: registry } : {});
    if (image) {
      const config = await readConfig(io, 'web');
      await writeConfig(io, 'web', { ...config, linuxFxVersion: `DOCKER|${image}` });
    }
    return { value: settings };
  }
  if (words === 'log config') return { value: await logConfig(io) };
  if (words === 'log show') return { value: await readConfig(io, 'logs') };
  return { value: {}, simulated: true };
}
