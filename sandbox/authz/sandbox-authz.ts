// The authorization decisions every sandbox service asks for, with Azure's refusal bodies. Each decision marks the
// request as decided: the HTTPS server refuses (500) a successful answer to a request no decision was made for, so
// a route that forgets to authorize fails loudly instead of being open.
import { azureError, type SandboxRequest, type SandboxResponse } from '../core/http';
import { graphError } from '../graph/graph-errors';
import type { Caller } from '../entra/tokens';
import type { AccessRequest, AuthorizationEngine, Decision } from './engine';

/** Azure's rules, always: there is no mode that allows what Azure would refuse. */
export class SandboxAuthorization {
  constructor(readonly engine: AuthorizationEngine) {}

  decide(req: SandboxRequest, request: AccessRequest): Decision {
    req.decided = true;
    const caller = req.caller;
    if (!caller) return { allowed: false, conditionNotFulfilled: false };
    return this.engine.decide(caller, request);
  }

  /** ARM's check: undefined when allowed, else 403 AuthorizationFailed as ARM words it. */
  arm(req: SandboxRequest, request: AccessRequest): SandboxResponse | undefined {
    const decision = this.decide(req, request);
    if (decision.allowed) return undefined;
    return armAuthorizationFailed(req.caller, request.action, request.scope, decision);
  }

  /** For lists: whether one item may be shown (ARM and Resource Graph leave out what the caller cannot read). */
  canSee(req: SandboxRequest, request: AccessRequest): boolean {
    return this.decide(req, request).allowed;
  }

  /**
   * Microsoft Graph: `allowed` says whether the caller's application permissions (token `roles`) and ownership
   * permit the call; 403 Authorization_RequestDenied otherwise.
   */
  graph(req: SandboxRequest, allowed: (caller: Caller) => boolean): SandboxResponse | undefined {
    req.decided = true;
    const caller = req.caller;
    if (caller && allowed(caller)) return undefined;
    return graphRequestDenied();
  }

  /** A data-plane check (Key Vault): undefined when allowed, else the decision for the service to word. */
  data(req: SandboxRequest, action: string, scope: string): Decision {
    return this.decide(req, { action, scope, dataAction: true });
  }

  /** A route any authenticated caller may use (e.g. polling an operation it started); says why. */
  allowAuthenticated(req: SandboxRequest, _why: string): void {
    req.decided = true;
  }

  /** Whether the caller has any role in effect at or below a scope (ARM lists subscriptions that way). */
  hasAnyAccess(req: SandboxRequest, scope: string): boolean {
    req.decided = true;
    if (!req.caller) return false;
    return this.engine.hasAnyAssignmentWithin(req.caller, scope);
  }
}

/**
 * https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---authorization-failed and
 * #symptom---unable-to-assign-a-role (the wording when an ABAC condition was not fulfilled).
 */
export function armAuthorizationFailed(
  caller: Caller | undefined,
  action: string,
  scope: string,
  decision: Decision,
): SandboxResponse {
  const abac = !decision.allowed && decision.conditionNotFulfilled;
  const message = `The client '${caller?.appId ?? ''}' with object id '${caller?.objectId ?? ''}' does not have authorization${abac ? ' or an ABAC condition not fulfilled' : ''} to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
  return azureError(403, 'AuthorizationFailed', message);
}

/** Microsoft Graph's refusal of a call the app's permissions do not cover. */
export function graphRequestDenied(): SandboxResponse {
  return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}
