// The tokens each AMQP connection put on `$cbs`, by the entity path of their audience, and the decisions that read
// them: a link or management operation is allowed when a token whose audience covers the entity names a caller with
// the right's data action there (./access.ts).
import type { Connection, Message as RheaMessage } from 'rhea';
import type { Caller } from '../entra/tokens';
import { entityArmPath, unauthorized, type BrokerAccess, type Right } from './access';
import type { ManagementReply } from './management';
import type { MessageEntity } from './message-entity';
import { stripHost, type SendTarget } from './namespace';

interface Claim {
  caller: Caller;
  /** The audience as the client named it (`sb://ns.servicebus.windows.net/queue`), for refusal texts. */
  audience: string;
}

/** Operations on `<entity>/$management` that send; every other one (peek, locks, settlement, deferred) receives. */
const SENDING_OPERATIONS = new Set([
  'com.microsoft:schedule-message',
  'com.microsoft:cancel-scheduled-message',
]);

/** `queue/$management`, `queue/$DeadLetterQueue`, `sb://host/queue` → `queue` (lower case). */
function entityPathOf(address: string): string {
  return stripHost(address)
    .replace(/\/\$management$/i, '')
    .replace(/\/\$deadletterqueue$/i, '')
    .toLowerCase();
}

export class EntityClaims {
  private readonly byConnection = new Map<Connection, Map<string, Claim>>();

  constructor(private readonly access: BrokerAccess) {}

  /** `$cbs` put-token: verify, remember for the audience's entity path, answer as Service Bus does. */
  putToken(connection: Connection, request: RheaMessage): ManagementReply {
    const properties = request.application_properties ?? {};
    if (properties.operation !== 'put-token')
      return {
        statusCode: 400,
        description: `The $cbs operation '${String(properties.operation)}' is not supported.`,
      };
    const audience = String(properties.name ?? '');
    const result = this.access.putToken(String(properties.type ?? ''), String(request.body ?? ''));
    if (!result.ok) return { statusCode: result.statusCode, description: result.description };
    const claims = this.byConnection.get(connection) ?? new Map<string, Claim>();
    claims.set(entityPathOf(audience), { caller: result.caller, audience });
    this.byConnection.set(connection, claims);
    return { statusCode: 200, description: 'OK' };
  }

  /** Why a link on this address may not send or receive, or undefined when a token covers it. */
  refusal(
    connection: Connection,
    address: string | undefined,
    entity: MessageEntity | SendTarget,
    right: Right,
  ): string | undefined {
    const path = entityPathOf(address ?? '');
    const claim = this.claimFor(connection, path);
    const armPath =
      'kind' in entity
        ? entityArmPath(entity.name, entity.kind === 'topic')
        : entityArmPath(entity.path, false);
    if (claim && this.access.permits(claim.caller, armPath, right)) return undefined;
    return unauthorized(right, claim ? claim.audience : `sb://sandbox/${path}`);
  }

  /** A refusal reply for a management operation the caller may not perform, or undefined to go on. */
  managementRefusal(
    connection: Connection,
    address: string | undefined,
    entity: MessageEntity,
    request: RheaMessage,
  ): ManagementReply | undefined {
    const operation = String(request.application_properties?.operation ?? '');
    const right: Right = SENDING_OPERATIONS.has(operation) ? 'Send' : 'Listen';
    const refused = this.refusal(connection, address, entity, right);
    if (!refused) return undefined;
    return { statusCode: 401, description: refused, errorCondition: 'com.microsoft:unauthorized-access' };
  }

  forget(connection: Connection): void {
    this.byConnection.delete(connection);
  }

  /** The claim whose audience is the entity itself or the namespace (an empty path covers every entity). */
  private claimFor(connection: Connection, path: string): Claim | undefined {
    const claims = this.byConnection.get(connection);
    if (!claims) return undefined;
    let best: Claim | undefined;
    for (const [audiencePath, claim] of claims) {
      if (audiencePath === '' || path === audiencePath || path.startsWith(`${audiencePath}/`)) {
        if (path === audiencePath) return claim;
        best = claim;
      }
    }
    return best;
  }
}
