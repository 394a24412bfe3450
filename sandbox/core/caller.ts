import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who sent a request, as ARM's throttling sees it (the "actor" of its 429 message): the object id of a JWT bearer
 * token (`oid`, else `appid`/`azp`, else `sub`), or a short digest of an opaque token. Never the token itself.
 */
export function callerOf(headers: IncomingHttpHeaders): string {
  const header = headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)/i.exec(header)?.[1] : undefined;
  if (!token) return 'anonymous';
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const id = [claims.oid, claims.appid, claims.azp, claims.sub].find((v) => typeof v === 'string');
      if (typeof id === 'string') return id;
    } catch {
      // Not a JWT after all: fall through to the digest.
    }
  }
  return `token-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

/** The object and application id a JWT bearer token names (unverified here: each service's auth check verifies). */
export function callerClaimsOf(
  headers: IncomingHttpHeaders,
): { objectId?: string; appId?: string } | undefined {
  const header = headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)/i.exec(header)?.[1] : undefined;
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { objectId: text(claims.oid), appId: text(claims.appid) ?? text(claims.azp) };
  } catch {
    return undefined;
  }
}
