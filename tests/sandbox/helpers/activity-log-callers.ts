// Callers for the Activity Log tests: the sandbox's built-in principals (the tenant admin is Owner, the orchestrator
// Contributor on the target subscription), each signing in at the sandbox's token endpoint, so every event names a
// caller its token really carries.
import type { BuiltinPrincipalName, Sandbox } from '../../../sandbox';
import { bearer } from './tokens';

export async function callerHeaders(
  sandbox: Sandbox,
  who: BuiltinPrincipalName,
): Promise<Record<string, string>> {
  return bearer(sandbox, 'arm', who);
}

export const objectIdOf = (sandbox: Sandbox, who: BuiltinPrincipalName): string =>
  sandbox.principals[who].objectId;
export const appIdOf = (sandbox: Sandbox, who: BuiltinPrincipalName): string =>
  sandbox.principals[who].clientId;

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
