import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export interface SandboxTls {
  /** PEM file of the CA clients must trust (NODE_EXTRA_CA_CERTS or `tlsOptions.ca`). */
  caCertPath: string;
  caCert: string;
  cert: string;
  key: string;
}

const days = '30';

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `could not generate the sandbox TLS certificate (openssl ${args[0]} in ${cwd}): ${stderr.trim() || String(error)} — is openssl installed and the directory writable?`,
    );
  }
}

/**
 * Generates (or reuses, when already present in `dir`) a CA and a server certificate for
 * 127.0.0.1/localhost. Keys are created at run time and never leave `dir`: no key is committed.
 */
export function ensureSandboxTls(dir: string): SandboxTls {
  mkdirSync(dir, { recursive: true });
  const caCertPath = join(dir, 'ca.crt');
  const certPath = join(dir, 'server.crt');
  const keyPath = join(dir, 'server.key');
  if (!(existsSync(caCertPath) && existsSync(certPath) && existsSync(keyPath))) {
    // EC keys: a few milliseconds each, where RSA 2048 costs a noticeable share of a test file.
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        days,
        '-subj',
        '/CN=HayMaker Sandbox CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
    writeFileSync(
      join(dir, 'server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'server.crt',
        '-days',
        days,
        '-extfile',
        'server.ext',
      ],
      dir,
    );
    chmodSync(join(dir, 'ca.key'), 0o600);
    chmodSync(keyPath, 0o600);
  }
  return {
    caCertPath,
    caCert: readFileSync(caCertPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
  };
}
