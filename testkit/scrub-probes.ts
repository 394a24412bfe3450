// The scrubber's probe corpus: secrets the run knows, in every encoding output gives them, and secrets it does
// not know, in the shapes az prints them (json, jsonc with colours, yaml, tsv, table, log lines). Built at run
// time from seeds so no secret-shaped literal sits in the repository; PEM keys are generated per run.
import { createHash, generateKeyPairSync } from 'node:crypto';

export interface Probe {
  name: string;
  text: string;
  /** Substrings that must not survive scrubbing (checked with colour codes and line breaks removed). */
  forbidden: string[];
}

const bytes = (seed: string, n: number): Buffer => {
  let out = Buffer.alloc(0);
  for (let i = 0; out.length < n; i++)
    out = Buffer.concat([out, createHash('sha256').update(`${seed}:${i}`).digest()]);
  return out.subarray(0, n);
};
const b64 = (seed: string, n: number): string => bytes(seed, n).toString('base64');
const alnum = (seed: string, n: number): string =>
  b64(seed, n * 2)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n);
const colour = (s: string): string => `\x1b[92m${s}\x1b[0m`;

function knownSecretProbes(label: string, secret: string): Probe[] {
  const probes: Probe[] = [];
  const add = (name: string, text: string, forbidden: string[] = [secret]): void => {
    probes.push({ name: `${label}: ${name}`, text, forbidden });
  };
  add('as is', `logging in with ${secret} now`);
  add('in az json', `{\n  "appId": "x",\n  "password": "${secret}"\n}`);
  add('in a field az does not call secret', `{"notes": "${secret}"}`);
  add('tsv', `x\t${secret}\tFULL`);
  add('yaml', `- name: x\n  value: ${secret}\n`);
  add('jsonc with colours', `{\n  ${colour('"value"')}: ${colour(`"${secret}"`)}\n}`);
  const url = encodeURIComponent(secret);
  add('URL-encoded', `https://example.org/?p=${url}&x=1`, [url]);
  add('URL-encoded, lower-case hex', `q=${url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`, [
    url.toLowerCase(),
  ]);
  add('URL-encoded twice', `q=${encodeURIComponent(url)}`, [encodeURIComponent(url)]);
  const json = JSON.stringify(secret).slice(1, -1);
  add('JSON-escaped in a log line', `{"message":"step output","output":"pw=${json}"}`, [json]);
  add('JSON-escaped twice', JSON.stringify(JSON.stringify({ pw: secret })), [
    JSON.stringify(json).slice(1, -1),
  ]);
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.from(`${'x'.repeat(offset)}${secret}:tail`).toString('base64');
    const middle = encoded.slice(offset === 0 ? 0 : 4, encoded.length - 8);
    add(`base64 at offset ${offset}`, `Authorization: Basic ${encoded}`, [middle]);
    const url64 = encoded.replace(/\+/g, '-').replace(/\//g, '_');
    add(`base64url at offset ${offset}`, `token=${url64}`, [
      url64.slice(offset === 0 ? 0 : 4, url64.length - 8),
    ]);
  }
  add('hex', `dump: ${Buffer.from(secret).toString('hex')}`, [Buffer.from(secret).toString('hex')]);
  for (const at of [1, Math.floor(secret.length / 2), secret.length - 2])
    add(`split over two lines at ${at}`, `value:\n${secret.slice(0, at)}\n${secret.slice(at)}\n`, [secret]);
  add('split with CRLF and indentation', `  ${secret.slice(0, 5)}\r\n    ${secret.slice(5)}`, [secret]);
  for (const at of [2, secret.length - 3])
    add(`colour code inside at ${at}`, `pw ${secret.slice(0, at)}\x1b[31m${secret.slice(at)}\x1b[0m`, [
      secret,
    ]);
  add('colour code and line break inside', `${secret.slice(0, 4)}\x1b[1m\n${secret.slice(4)}`, [secret]);
  return probes;
}

function shapeProbes(seed: string): Probe[] {
  const probes: Probe[] = [];
  const storageKey = `${b64(`${seed}-storage`, 64).slice(0, 86)}==`;
  const sasKey = `${b64(`${seed}-sas`, 32).slice(0, 43)}=`;
  const clientSecret = `${alnum(`${seed}-cs`, 3)}8Q~${alnum(`${seed}-cs2`, 34)}`;
  const jwt = `eyJ${alnum(`${seed}-h`, 30)}.eyJ${alnum(`${seed}-c`, 80)}.${alnum(`${seed}-s`, 43)}`;
  const sig = encodeURIComponent(b64(`${seed}-sig`, 32));
  const password = `${alnum(`${seed}-pw`, 12)}!x9`;
  const shapes: [string, string, string][] = [
    ['storage account key', storageKey, storageKey],
    [
      'Cosmos DB key',
      `${b64(`${seed}-cosmos`, 64).slice(0, 86)}==`,
      `${b64(`${seed}-cosmos`, 64).slice(0, 86)}==`,
    ],
    ['Service Bus SAS key', sasKey, sasKey],
    ['Entra client secret', clientSecret, clientSecret],
    ['JWT', jwt, jwt],
    ['SAS URL', `https://hm.blob.core.windows.net/c?sv=2022-11-02&se=2026-12-01&sp=r&sig=${sig}`, sig],
    [
      'URL-encoded SAS URL',
      encodeURIComponent(`https://hm.blob.core.windows.net/c?sv=2022&sig=${sig}`),
      encodeURIComponent(sig),
    ],
    [
      'storage connection string',
      `DefaultEndpointsProtocol=https;AccountName=hm;AccountKey=${storageKey};EndpointSuffix=core.windows.net`,
      storageKey,
    ],
    [
      'Service Bus connection string',
      `Endpoint=sb://hm.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${sasKey}`,
      sasKey,
    ],
    [
      'SQL connection string',
      `Server=tcp:hm.database.windows.net;User ID=admin;Password=${password};Encrypt=true`,
      password,
    ],
    [
      'password in a URL',
      `postgres://hayadmin:${password}@hm.postgres.database.azure.com:5432/app`,
      password,
    ],
    ['password in an https URL', `https://deploy:${password}@hm.scm.azurewebsites.net/x.git`, password],
    ['Anthropic key', `sk-ant-api03-${alnum(`${seed}-ak`, 40)}`, alnum(`${seed}-ak`, 40)],
    ['bearer token', `Authorization: Bearer ${alnum(`${seed}-bt`, 40)}`, alnum(`${seed}-bt`, 40)],
  ];
  for (const [name, value, forbidden] of shapes) {
    const label = `${name} (${seed})`;
    probes.push({
      name: `${label} in json`,
      text: `{\n  "name": "x",\n  "value": "${value}"\n}`,
      forbidden: [forbidden],
    });
    probes.push({
      name: `${label} in jsonc`,
      text: `{\n  ${colour('"value"')}: ${colour(`"${value}"`)}\n}`,
      forbidden: [forbidden],
    });
    probes.push({
      name: `${label} in yaml`,
      text: `- keyName: key1\n  permissions: FULL\n  value: ${value}\n`,
      forbidden: [forbidden],
    });
    probes.push({ name: `${label} in tsv`, text: `key1\tFULL\t${value}\n`, forbidden: [forbidden] });
    probes.push({
      name: `${label} in a table`,
      text: `KeyName    Value\n---------  ${'-'.repeat(20)}\nkey1       ${value}\n`,
      forbidden: [forbidden],
    });
    probes.push({
      name: `${label} in a JSON log line`,
      text: JSON.stringify({ message: 'step finished', output: `{"value": "${value}"}` }),
      forbidden: [forbidden],
    });
  }
  return probes;
}

function pemProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const type of ['pkcs1', 'pkcs8'] as const) {
    const pem = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type, format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const body = pem.split('\n')[3]!;
    probes.push({ name: `PEM ${type} as printed`, text: `key written:\n${pem}\ndone`, forbidden: [body] });
    probes.push({ name: `PEM ${type} in json`, text: JSON.stringify({ key: pem }), forbidden: [body] });
    probes.push({
      name: `PEM ${type} in yaml`,
      text: `key: |\n  ${pem.split('\n').join('\n  ')}`,
      forbidden: [body],
    });
    probes.push({ name: `PEM ${type} cut off`, text: pem.slice(0, 400), forbidden: [pem.split('\n')[2]!] });
  }
  return probes;
}

/** The secrets the run knows (what the agent gives its scrubber). */
export const KNOWN_SECRETS = {
  spSecret: `ab1${'8'}Q~${alnum('known-sp', 34)}`,
  apiKey: `sk-ant-api03-${alnum('known-api', 48)}`,
  plain: `Tr0ub4dor&3/"hay" ${alnum('known-plain', 6)}`,
};

export function scrubProbes(): Probe[] {
  return [
    ...knownSecretProbes('client secret', KNOWN_SECRETS.spSecret),
    ...knownSecretProbes('API key', KNOWN_SECRETS.apiKey),
    ...knownSecretProbes('password without a shape', KNOWN_SECRETS.plain),
    ...['a', 'b', 'c'].flatMap(shapeProbes),
    ...pemProbes(),
  ];
}

/** Whether a probe's secret survived: colour codes and line breaks removed before looking. */
export function leaks(probe: Probe, scrubbed: string): boolean {
  const flat = scrubbed.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\r\n]+[ \t]*/g, '');
  return probe.forbidden.some((f) => flat.includes(f));
}
