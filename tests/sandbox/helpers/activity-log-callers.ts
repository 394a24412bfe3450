// Callers for the Activity Log tests: a bearer token naming a principal (object and application id) by nickname.
import { createHash } from 'node:crypto';

const guid = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function callerHeaders(who: string): Record<string, string> {
  const claims = { oid: callerHeaders.objectId(who), appid: callerHeaders.appId(who) };
  return { authorization: `Bearer ${b64({ alg: 'none' })}.${b64(claims)}.sig` };
}
callerHeaders.objectId = (who: string) => guid(`oid:${who}`);
callerHeaders.appId = (who: string) => guid(`appid:${who}`);

export function manualClock(start: number) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
}
