// A function key fetched with the user's own Entra sign-in (azd auth login, or az login), so using a deployment needs
// no key copied around: ARM "Web Apps - List Host Keys", POST …/sites/{name}/host/default/listkeys
// (https://learn.microsoft.com/rest/api/appservice/webapps/listhostkeys), api-version 2024-04-01 as the Bicep's
// Microsoft.Web resources. It answers {masterKey, functionKeys, systemKeys}; the CLI takes functionKeys.default, the
// least key that opens the API (authLevel 'function'), never the master key. The caller needs
// Microsoft.Web/sites/host/listkeys/action on the app (Contributor or Website Contributor do).
import type { TokenCredential } from '@azure/core-auth';
import { z } from 'zod';

export const LIST_HOST_KEYS_API_VERSION = '2024-04-01';
const ARM_SCOPE = 'https://management.azure.com/.default';

const hostKeysSchema = z.object({ functionKeys: z.record(z.string(), z.string()).optional() });

export interface FunctionAppRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface FetchKeyOptions {
  credential?: TokenCredential;
  armEndpoint?: string;
}

export function listHostKeysUrl(app: FunctionAppRef, armEndpoint = 'https://management.azure.com'): string {
  const path = [
    'subscriptions',
    app.subscriptionId,
    'resourceGroups',
    app.resourceGroup,
    'providers/Microsoft.Web/sites',
    app.name,
    'host/default/listkeys',
  ]
    .map((part) => (part.includes('/') ? part : encodeURIComponent(part)))
    .join('/');
  return `${armEndpoint.replace(/\/+$/, '')}/${path}?api-version=${LIST_HOST_KEYS_API_VERSION}`;
}

/** azd's sign-in first (what `azd up` used), then the Azure CLI's. */
export function signedInCredential(): TokenCredential {
  // Loaded here, not at the top: every CLI command imports this module, and only an Azure target signs in (the SDK
  // is 170 modules, half the start-up of `haymaker status` against the local stack).
  const { AzureCliCredential, AzureDeveloperCliCredential, ChainedTokenCredential } =
    require('@azure/identity') as typeof import('@azure/identity');
  return new ChainedTokenCredential(new AzureDeveloperCliCredential(), new AzureCliCredential());
}

/** The app's default function key, or an Error saying why there is none (the caller explains what to do). */
export async function fetchFunctionKey(app: FunctionAppRef, options: FetchKeyOptions = {}): Promise<string> {
  const credential = options.credential ?? signedInCredential();
  const token = await credential.getToken(ARM_SCOPE);
  if (!token) throw new Error('no Azure sign-in token (run `azd auth login` or `az login`)');
  const res = await fetch(listHostKeysUrl(app, options.armEndpoint), {
    method: 'POST',
    headers: { authorization: `Bearer ${token.token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) {
    const detail = await res.text().catch(() => '');
    throw new Error(`listing the host keys of ${app.name} answered ${res.status} ${detail.slice(0, 200)}`);
  }
  const body = hostKeysSchema.parse(await res.json());
  const key = body.functionKeys?.default;
  if (!key) throw new Error(`${app.name} has no default function key`);
  return key;
}

/**
 * An Entra access token for the HayMaker API (its app registration's client id): App Service authentication
 * validates it and hands the app the caller's app roles (HayMaker.Read / HayMaker.Operate). The scope is the
 * app's Application ID URI, `api://<client id>/.default`.
 */
export async function fetchApiToken(clientId: string, credential = signedInCredential()): Promise<string> {
  const token = await credential.getToken(`api://${clientId}/.default`);
  if (!token)
    throw new Error('no Azure sign-in token for the HayMaker API (run `azd auth login` or `az login`)');
  return token.token;
}
