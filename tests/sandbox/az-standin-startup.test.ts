// The stand-in is one node process per az call, hundreds per scenario run: it must not pay for what it does not
// use. It trusts the sandbox CA from the sandbox file, so NODE_EXTRA_CA_CERTS (which makes node 20 build its whole
// root store at start-up) is dropped by its wrapper; node reports loading the file, so the test sees whether it did.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', 'sandbox', 'az-standin', 'bin', 'az');

describe('az stand-in start-up', () => {
  it('does not load NODE_EXTRA_CA_CERTS', () => {
    const missing = join(__dirname, 'no-such-ca.pem');
    // Control: node itself does report an extra CA file it was asked to load.
    const control = spawnSync(process.execPath, ['-e', '0'], {
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: missing },
      encoding: 'utf8',
    });
    expect(control.stderr).toContain('extra certs');
    const run = spawnSync(bin, ['version'], {
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: missing },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('azure-cli');
  });
});
