// Access tokens the sandbox's Entra issues and its services verify: RS256 JWTs with the claims Entra puts in an
// app-only token (v1.0 shape, as ARM, Key Vault and Microsoft Graph receive it): aud, iss, iat, nbf, exp, appid,
// appidacr, idtyp, oid, sub, tid, roles, ver.
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import jwt from 'jsonwebtoken';

/** Who called: read from a verified token. */
export interface Caller {
  objectId: string;
  appId: string;
  tenantId: string;
  /** App roles of the token's audience (Microsoft Graph application permissions for a Graph token). */
  roles: string[];
  audience: string;
  /** Seconds since the epoch, from the token. */
  issuedAt: number;
  expiresAt: number;
}

export interface SigningKey {
  kid: string;
  privateKey: string;
  publicKey: string;
}

function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { kid: randomUUID().replace(/-/g, '').slice(0, 27), privateKey, publicKey };
}

/**
 * Entra signs the tokens of every tenant with the same keys (the common JWKS), so the sandboxes of one process share
 * one key pair as its tenants would; each still accepts only tokens of its own tenant (verifyAccessToken). It also
 * spares every sandbox after a process's first an RSA key generation (about 170 ms of CPU on this 2-core machine).
 */
let processKey: SigningKey | undefined;

/** The key pair tokens are signed with; kept in the sandbox's store so tokens survive a restart of `npm start`. */
export function loadOrCreateSigningKey(path?: string): SigningKey {
  if (path && existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as SigningKey;
  processKey ??= newSigningKey();
  const key = processKey;
  if (path) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

/** Parsed keys by PEM: jsonwebtoken parses a PEM string on every sign and verify, a few ms of CPU each time. */
const parsedKeys = new Map<string, KeyObject>();
function parsed(pem: string, parse: (pem: string) => KeyObject): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) parsedKeys.set(pem, (key = parse(pem)));
  return key;
}

export const issuerFor = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;

/** Access token lifetime Entra gives app-only tokens by default: 60 to 90 minutes; the sandbox uses 60. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export function issueAccessToken(
  key: SigningKey,
  claims: { tenantId: string; objectId: string; appId: string; audience: string; roles: string[] },
  nowMs: number,
  lifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS,
): { token: string; expiresOn: number } {
  const iat = Math.floor(nowMs / 1000);
  const payload: Record<string, unknown> = {
    aud: claims.audience,
    iss: issuerFor(claims.tenantId),
    iat,
    nbf: iat,
    exp: iat + lifetimeSeconds,
    appid: claims.appId,
    appidacr: '1',
    idp: issuerFor(claims.tenantId),
    idtyp: 'app',
    oid: claims.objectId,
    sub: claims.objectId,
    tid: claims.tenantId,
    uti: randomUUID().replace(/-/g, ''),
    ver: '1.0',
    ...(claims.roles.length > 0 ? { roles: claims.roles } : {}),
  };
  const token = jwt.sign(payload, parsed(key.privateKey, createPrivateKey), {
    algorithm: 'RS256',
    keyid: key.kid,
  });
  return { token, expiresOn: iat + lifetimeSeconds };
}

export type TokenProblem =
  | { problem: 'missing' }
  | { problem: 'invalid'; detail: string }
  | { problem: 'expired'; expiresAt: number; now: number }
  | { problem: 'audience'; audience: string }
  | { problem: 'tenant'; tenantId: string };

/** Verifies signature, lifetime, audience and tenant; never trusts a token the sandbox did not sign. */
export function verifyAccessToken(
  key: SigningKey,
  authorization: string | undefined,
  expected: { audiences: readonly string[]; tenantId: string },
  nowMs: number,
): Caller | TokenProblem {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { problem: 'missing' };
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, parsed(key.publicKey, createPublicKey), {
      algorithms: ['RS256'],
      ignoreExpiration: true,
      ignoreNotBefore: true,
    });
    if (typeof decoded === 'string') return { problem: 'invalid', detail: 'the token has no JSON payload' };
    payload = decoded;
  } catch (error) {
    return { problem: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
  const now = Math.floor(nowMs / 1000);
  const exp = Number(payload.exp);
  if (!Number.isFinite(exp) || exp <= now) return { problem: 'expired', expiresAt: exp, now };
  if (Number(payload.nbf) > now + 300)
    return { problem: 'invalid', detail: 'the token is not valid yet (nbf)' };
  const audience = String(payload.aud ?? '');
  if (!expected.audiences.some((a) => a.toLowerCase() === audience.toLowerCase()))
    return { problem: 'audience', audience };
  const tenantId = String(payload.tid ?? '');
  if (tenantId.toLowerCase() !== expected.tenantId.toLowerCase()) return { problem: 'tenant', tenantId };
  return {
    objectId: String(payload.oid ?? ''),
    appId: String(payload.appid ?? ''),
    tenantId,
    roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
    audience,
    issuedAt: Number(payload.iat),
    expiresAt: exp,
  };
}
