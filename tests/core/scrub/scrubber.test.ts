import { createScrubber, scrubValue, REDACTED } from '../../../core/scrub';
import { KNOWN_SECRETS, leaks, scrubProbes } from '../../../testkit/scrub-probes';

const probes = scrubProbes();
const scrub = createScrubber(Object.values(KNOWN_SECRETS));

describe('scrubber probe corpus', () => {
  it('has hundreds of probes', () => {
    expect(probes.length).toBeGreaterThanOrEqual(200);
  });

  it.each(probes.map((p) => [p.name, p] as const))('removes %s', (_name, probe) => {
    const out = scrub(probe.text);
    expect(leaks(probe, out)).toBe(false);
  });
});

describe('scrubber', () => {
  it('leaves ordinary az output untouched (apart from colour codes)', () => {
    const ordinary = [
      '{"id": "/subscriptions/6d9a1f3e-0000-4000-8000-00000000a001/resourceGroups/haymaker-compute00-c0ffee42", "location": "eastus", "provisioningState": "Succeeded"}',
      'Name                      Location    Status',
      'hmc00c0ffee42  StorageV2  Standard_LRS  TLS1_2',
      'az storage account show --name "$STORAGE" --resource-group "$RG" --query provisioningState -o tsv',
      'ETag: "0x8DC1234ABCDEF" x-ms-request-id: 9b2f1c3e-0000-4000-8000-000000000000',
      'keyName: key1\npermissions: FULL',
      'principalId: 11111111-2222-4333-8444-555555555555',
    ].join('\n');
    expect(scrub(ordinary)).toBe(ordinary);
    expect(scrub(`\x1b[94m"name"\x1b[0m: "x"`)).toBe('"name": "x"');
  });

  it('keeps the name of the redacted field so the line still reads', () => {
    expect(scrub('AccountName=a;AccountKey=abcdefgh123;x=1')).toBe(
      `AccountName=a;AccountKey=${REDACTED};x=1`,
    );
    expect(scrub('Authorization: Bearer abcdefghijklmnopqrstuvwxyz')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(scrub('primaryKey: abc123def456')).toBe(`primaryKey: ${REDACTED}`);
  });

  it('scrubs every string inside event data', () => {
    const data = scrubValue(
      { output: `pw ${KNOWN_SECRETS.plain}`, nested: [{ t: KNOWN_SECRETS.apiKey }], count: 3 },
      scrub,
    );
    expect(JSON.stringify(data)).not.toContain(KNOWN_SECRETS.plain.slice(0, 10));
    expect(JSON.stringify(data)).not.toContain(KNOWN_SECRETS.apiKey);
    expect(data.count).toBe(3);
  });

  it('ignores known values too short to be secrets', () => {
    expect(createScrubber(['yes'])('yes, done')).toBe('yes, done');
  });
});
