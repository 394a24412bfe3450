// Who may send and receive, as Service Bus decides it for a namespace deployed as bicep/modules/service-bus.bicep
// does (`disableLocalAuth: true`): only Microsoft Entra tokens, and only with an Azure RBAC data action at the entity or
// above. Without this the broker is the emulator, which accepts anything (tests of the AMQP protocol itself).
//
// - SAS tokens are refused at put-token with 401 LocalAuthDisabled:
//   https://learn.microsoft.com/azure/service-bus-messaging/disable-local-authentication (wording as Service Bus
//   answers it: https://github.com/pnp/Microsoft365-Analytics-Insights/issues/138).
// - Send needs `Microsoft.ServiceBus/namespaces/messages/send/action`, receive (and peek, locks, settlement)
//   `Microsoft.ServiceBus/namespaces/messages/receive/action`:
//   https://learn.microsoft.com/azure/role-based-access-control/permissions/integration#microsoftservicebus and
//   https://learn.microsoft.com/azure/service-bus-messaging/service-bus-managed-service-identity#resource-scope.
// - A link without the right is refused with `amqp:unauthorized-access` and "Unauthorized access. 'Send' claim(s) are
//   required to perform this operation. Resource: 'sb://…/queue'." (https://github.com/Azure/azure-service-bus/issues/354).
import { randomUUID } from 'node:crypto';
import type { AuthorizationEngine } from '../authz/engine';
import type { Caller } from '../entra/tokens';

export type Right = 'Send' | 'Listen';

export const DATA_ACTIONS: Record<Right, string> = {
  Send: 'Microsoft.ServiceBus/namespaces/messages/send/action',
  Listen: 'Microsoft.ServiceBus/namespaces/messages/receive/action',
};

export type PutTokenResult =
  { ok: true; caller: Caller } | { ok: false; statusCode: number; description: string };

export interface BrokerAccess {
  /** `$cbs` put-token of a `jwt` or `servicebus.windows.net:sastoken`. */
  putToken(type: string, token: string): PutTokenResult;
  /** Whether the caller holds the right's data action at the entity (its entityArmPath). */
  permits(caller: Caller, entityArmPath: string, right: Right): boolean;
}

export interface EntraAccessOptions {
  /** ARM id of the namespace (role assignments at it or above cover every entity). */
  namespaceId: string;
  /** Verifies a bearer token for the Service Bus audience (the sandbox's Entra). */
  verify(token: string): Caller | { problem: string };
  engine: AuthorizationEngine;
}

const stamp = () =>
  `TrackingId:${randomUUID()}_G1, SystemTracker:NoSystemTracker, Timestamp:${new Date().toISOString()}`;

/**
 * The entity's ARM path below the namespace: `queues/q`, `topics/t`, `topics/t/subscriptions/s` (role assignments at
 * an entity cover only it; at the namespace, all of them).
 */
export function entityArmPath(path: string, isTopic: boolean): string {
  const [first, second, third] = path.split('/');
  if (second?.toLowerCase() === 'subscriptions' && third) return `topics/${first}/subscriptions/${third}`;
  return `${isTopic ? 'topics' : 'queues'}/${first}`;
}

export function entraOnlyAccess(options: EntraAccessOptions): BrokerAccess {
  return {
    putToken(type, token) {
      if (type !== 'jwt')
        return {
          ok: false,
          statusCode: 401,
          description: `LocalAuthDisabled: Authorization failed because SAS authentication has been disabled for the namespace. ${stamp()}`,
        };
      const verified = options.verify(token);
      if ('problem' in verified)
        return {
          ok: false,
          statusCode: 401,
          description:
            verified.problem === 'expired'
              ? `ExpiredToken: The token is expired. ${stamp()}`
              : `InvalidSignature: The token has an invalid signature (${verified.problem}). ${stamp()}`,
        };
      return { ok: true, caller: verified };
    },
    permits(caller, entityArmPath, right) {
      const scope = `${options.namespaceId}/${entityArmPath}`;
      return options.engine.decide(caller, { action: DATA_ACTIONS[right], scope, dataAction: true }).allowed;
    },
  };
}

/** Service Bus's refusal of a link or operation the caller's token does not cover. */
export function unauthorized(right: Right, resource: string): string {
  return `Unauthorized access. '${right}' claim(s) are required to perform this operation. Resource: '${resource}'. ${stamp()}`;
}
