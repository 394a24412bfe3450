// A client's disposition of a message it received on a link (peek-lock): complete, dead-letter, defer or abandon the
// locked message, and answer with the outcome Service Bus gives (rejected when the lock was lost).
import type { Delivery } from 'rhea';
import type { MessageEntity, SettleResult, SubQueue } from './message-entity';
import { outcomes } from './outcomes';

/** A delivery sent in peek-lock mode, waiting for the client's disposition. */
export interface Outstanding {
  entity: MessageEntity;
  subQueue: SubQueue;
  token: string;
}

export function settleDelivery(held: Outstanding, delivery: Delivery): void {
  const state = delivery.remote_state as unknown as
    | {
        constructor: { composite_type?: string };
        error?: { condition?: string; info?: Record<string, unknown> };
        undeliverable_here?: boolean;
        message_annotations?: Record<string, unknown>;
      }
    | undefined;
  const kind = state?.constructor?.composite_type;
  let result: SettleResult;
  let outcome: unknown = outcomes.accepted();
  if (kind === 'accepted') {
    result = held.entity.complete(held.token);
  } else if (kind === 'rejected' && state?.error?.condition === 'com.microsoft:dead-letter') {
    const info = state.error.info ?? {};
    const { DeadLetterReason, DeadLetterErrorDescription, ...rest } = info;
    result = held.entity.deadLetterMessage(
      held.token,
      DeadLetterReason === undefined ? undefined : String(DeadLetterReason),
      DeadLetterErrorDescription === undefined ? undefined : String(DeadLetterErrorDescription),
      Object.keys(rest).length ? rest : undefined,
    );
  } else if (kind === 'modified' && state?.undeliverable_here) {
    result = held.entity.defer(held.token);
    outcome = (delivery.remote_state as unknown as { described(): unknown }).described();
  } else {
    // released, modified (abandon) and rejected without the dead-letter condition put the message back.
    result = held.entity.abandon(held.token, state?.message_annotations);
    if (kind === 'modified' || kind === 'released')
      outcome = (delivery.remote_state as unknown as { described(): unknown }).described();
  }
  if (!result.ok) outcome = outcomes.rejected(result.condition, result.description);
  delivery.update(true, outcome as never);
}
