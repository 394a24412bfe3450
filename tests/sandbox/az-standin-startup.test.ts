// The stand-in is one node process per az call, hundreds per scenario run: it must not pay at start-up for what it
// does not use. It trusts exactly the sandbox CA, read from the sandbox file, so its wrapper drops
// NODE_EXTRA_CA_CERTS and starts node with a root store that holds nothing else (sandbox/az-standin/bin/az says why).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'sandbox', 'az-standin', 'bin', 'az');
const missing = join(__dirname, 'no-such-ca.pem');

describe('az stand-in start-up', () => {
  it('does not load NODE_EXTRA_CA_CERTS', () => {
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

  it('starts node on an empty OpenSSL store, whatever the caller sets', () => {
    // A `node` first on PATH that records how the wrapper starts it, then runs the real one.
    const dir = mkdtempSync(join(tmpdir(), 'haymaker-az-node-'));
    try {
      const record = join(dir, 'record.json');
      const shim = join(dir, 'node');
      writeFileSync(
        shim,
        `#!${process.execPath}\n` +
          `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR }));\n` +
          `require('child_process').execFileSync(${JSON.stringify(process.execPath)}, process.argv.slice(2), { stdio: 'inherit' });\n`,
      );
      chmodSync(shim, 0o755);
      const run = spawnSync(bin, ['version'], {
        env: {
          PATH: `${dir}:${dirname(process.execPath)}:${process.env.PATH}`,
          SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt',
          SSL_CERT_DIR: '/etc/ssl/certs',
        },
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      const started = JSON.parse(readFileSync(record, 'utf8')) as {
        argv: string[];
        file: string;
        dir: string;
      };
      // node's own options come before the script and its arguments.
      expect(started.argv.slice(0, -2)).toEqual(['--use-openssl-ca']);
      expect(started.argv.slice(-2)).toEqual([
        join(root, 'dist', 'sandbox', 'az-standin', 'main.js'),
        'version',
      ]);
      expect({ file: started.file, dir: started.dir }).toEqual({ file: '/dev/null', dir: '/dev/null' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
