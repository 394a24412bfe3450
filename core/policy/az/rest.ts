// `az rest` is judged by where the request goes: only Azure Resource Manager and Microsoft Graph (az attaches
// a token for those), reads anywhere in the run's subscription, writes only inside the run's resource groups,
// Graph writes only to create new objects. `--resource` (a token for another audience) and a second --method
// or --url cannot move the request elsewhere: every value is judged, the last --method is the one used.
import { pathRefusal } from '../paths';
import { POLICY_RULES, refuse, type PolicyContext, type Refusal } from '../types';
import { armIdProblem } from './ownership';
import { allValues, effectiveValues, fieldText, hasOption, type AzCall } from './parse-az';

const ARM_HOST = 'management.azure.com';
const GRAPH_HOST = 'graph.microsoft.com';
const GRAPH_CREATE = /^\/(v1\.0|beta)\/(applications|servicePrincipals|groups)$/i;

function fail(reason: string): Refusal {
  return refuse(POLICY_RULES.restTarget, reason);
}

function method(call: AzCall): string | Refusal {
  for (const f of allValues(call, '--method'))
    if (f.kind !== 'text') return fail(`the az rest method is decided at run time (${f.why})`);
  const last = effectiveValues(call, '--method');
  if (last && last.length > 0) return fieldText(last[last.length - 1]!).toUpperCase();
  return hasOption(call, '--body') ? 'POST' : 'GET';
}

function targetProblem(url: string, verb: string, ctx: PolicyContext): string | undefined {
  let host = ARM_HOST;
  let path = url;
  if (!url.startsWith('/')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${url}" is not a URL`;
    }
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port)
      return `"${url}" is not a plain https URL`;
    host = parsed.hostname.toLowerCase();
    path = parsed.pathname;
  } else path = url.replace(/[?#].*$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return `"${url}" has a malformed escape`;
  }
  if (/\/\.\.?(\/|$)|\/\/|\\/.test(decoded)) return `"${url}" has "..", "//" or "\\" in its path`;
  if (host === GRAPH_HOST) {
    if (verb === 'GET') return undefined;
    if (verb === 'POST' && GRAPH_CREATE.test(decoded)) return undefined;
    return `Microsoft Graph ${verb} ${decoded}: Graph changes other than creating an application, service principal or group need az ad commands on objects of this run`;
  }
  if (host !== ARM_HOST)
    return `"${host}" is neither Azure Resource Manager nor Microsoft Graph (az rest would send it a token or data)`;
  const problem = armIdProblem({ kind: 'text', text: decoded, end: 0 }, ctx);
  if (verb === 'GET') {
    const sub = /^\/subscriptions\/([^/]+)/i.exec(decoded)?.[1];
    return sub && sub.toLowerCase() === ctx.subscriptionId.toLowerCase()
      ? undefined
      : `GET ${decoded} is outside the run's subscription`;
  }
  return problem ? `${verb} ${decoded}: ${problem}` : undefined;
}

export function judgeRest(call: AzCall, ctx: PolicyContext): Refusal | undefined {
  if (hasOption(call, '--skip-authorization-header') || call.options.some((o) => o.written === '--resource'))
    return fail(
      'az rest --resource / --skip-authorization-header choose which token is sent; the default for ARM and Graph is the only one allowed',
    );
  const verb = method(call);
  if (typeof verb !== 'string') return verb;
  const urls = allValues(call, '--url', '--uri');
  if (urls.length === 0) return fail('az rest needs --url');
  for (const f of urls) {
    if (f.kind !== 'text') return fail(`the az rest URL is decided at run time (${f.why})`);
    const problem = targetProblem(f.text, verb, ctx);
    if (problem) return fail(problem);
  }
  for (const f of allValues(call, '--output-file')) {
    if (f.kind !== 'text') return fail('the az rest output file is decided at run time');
    const refusal = pathRefusal(f.text);
    if (refusal) return refusal;
  }
  return undefined;
}
