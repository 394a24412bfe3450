import { generateKeyPairSync } from 'node:crypto';
import { createScrubber, scrubValue, REDACTED } from '../../core/scrub';

// Built at run time so no secret-shaped literal sits in the repository for scanners to flag.
const b64 = (length: number, seed: string): string => {
  let out = '';
  while (out.length < length)
    out += Buffer.from(`${seed}-${out.length}`).toString('base64').replace(/=/g, '');
  return out.slice(0, length);
};
const storageKey = `${b64(86, 'storage')}==`;
const clientSecret = `abc8Q~${b64(34, 'client').replace(/[+/]/g, '_')}`;
const jwt = `eyJ${b64(30, 'hdr').replace(/[+/]/g, '-')}.eyJ${b64(60, 'claims').replace(/[+/]/g, '_')}.${b64(43, 'sig').replace(/[+/]/g, '-')}`;
// A real private key, generated for this run only (PKCS#1 PEM, as `az` and openssl print them).
const pem = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const pemBodyLine = pem.split('\n')[2]!;
const known = 'run-specific-password-7781';

const corpus: { name: string; text: string; secret: string }[] = [
  { name: 'a known secret value in a sentence', text: `logging in with ${known} now`, secret: known },
  {
    name: 'a known secret URL-encoded',
    text: `https://x/?p=${encodeURIComponent(known + '&/')}`,
    secret: known,
  },
  {
    name: 'an Entra client secret in az output',
    text: `{\n  "appId": "1234",\n  "pw": "${clientSecret}"\n}`,
    secret: clientSecret,
  },
  {
    name: 'an Entra client secret in password JSON field',
    text: `{"password": "${clientSecret}", "tenant": "t"}`,
    secret: clientSecret,
  },
  { name: 'a JWT in a header dump', text: `x-ms-token: ${jwt}`, secret: jwt },
  { name: 'a bearer token', text: `Authorization: Bearer ${b64(40, 'opaque')}`, secret: b64(40, 'opaque') },
  {
    name: 'a storage account key in keys list output',
    text: `[{"keyName": "key1", "permissions": "FULL", "value": "${storageKey}"}]`,
    secret: storageKey,
  },
  {
    name: 'a storage connection string',
    text: `DefaultEndpointsProtocol=https;AccountName=hm01;AccountKey=${b64(40, 'ak')};EndpointSuffix=core.windows.net`,
    secret: b64(40, 'ak'),
  },
  {
    name: 'a Service Bus connection string',
    text: `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${b64(44, 'sb')}`,
    secret: b64(44, 'sb'),
  },
  {
    name: 'a SQL connection string password',
    text: `Server=tcp:hm.database.windows.net;User ID=admin;Password=Sup3r-S3cret!x;Encrypt=true`,
    secret: 'Sup3r-S3cret!x',
  },
  {
    name: 'a SAS token',
    text: `https://hm.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sig=${encodeURIComponent(b64(44, 'sas'))}&se=2026`,
    secret: encodeURIComponent(b64(44, 'sas')),
  },
  { name: 'a PEM private key across lines', text: `cert written:\n${pem}\ndone`, secret: pemBodyLine },
  {
    name: 'a cosmos primary master key',
    text: `{"primaryMasterKey": "${b64(50, 'cosmos')}"}`,
    secret: b64(50, 'cosmos'),
  },
  {
    name: 'an Anthropic key',
    text: `key=sk-ant-api03-${b64(40, 'anthropic').replace(/[+/]/g, '_')}`,
    secret: b64(40, 'anthropic').replace(/[+/]/g, '_'),
  },
];

describe('scrubber', () => {
  const scrub = createScrubber([known]);

  it.each(corpus.map((c) => [c.name, c] as const))('removes %s', (_name, c) => {
    const out = scrub(c.text);
    expect(out).not.toContain(c.secret);
    expect(out).toContain(REDACTED);
  });

  it('leaves ordinary az output untouched', () => {
    const ordinary = [
      '{"id": "/subscriptions/6d9a1f3e-0000-4000-8000-00000000a001/resourceGroups/haymaker-compute00-c0ffee42", "location": "eastus", "provisioningState": "Succeeded"}',
      'Name                      Location    Status',
      'hmc00c0ffee42  StorageV2  Standard_LRS  TLS1_2',
      'az storage account show --name "$STORAGE" --resource-group "$RG" --query provisioningState -o tsv',
      'ETag: "0x8DC1234ABCDEF" x-ms-request-id: 9b2f1c3e-0000-4000-8000-000000000000',
      'keyName  permissions\nkey1     FULL',
    ].join('\n');
    expect(scrub(ordinary)).toBe(ordinary);
  });

  it('keeps the name of the redacted field so the line still reads', () => {
    expect(scrub('AccountName=a;AccountKey=abcdefgh123;x=1')).toBe(
      `AccountName=a;AccountKey=${REDACTED};x=1`,
    );
    expect(scrub('Authorization: Bearer abcdefghijklmnopqrstuvwxyz')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
  });

  it('scrubs every string inside event data', () => {
    const data = scrubValue({ output: `pw ${known}`, nested: [{ token: jwt }], count: 3 }, scrub);
    expect(JSON.stringify(data)).not.toContain(known);
    expect(JSON.stringify(data)).not.toContain(jwt);
    expect(data.count).toBe(3);
  });

  it('ignores known values too short to be secrets', () => {
    expect(createScrubber(['yes'])('yes, done')).toBe('yes, done');
  });
});
