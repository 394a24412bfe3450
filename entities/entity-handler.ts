// Turns a pure reducer into a Durable entity handler. The operation name is the operation's `type`; the input
// carries the rest. `get` returns the state. Errors are returned as `{ error }` because the SDK serialises a thrown
// error as "{}" and the message would be lost. A reducer that talks to other entities returns a `Step`: its next
// state and the signals to send, which the runtime commits together with the state.
import type { EntityContext, EntityHandler } from 'durable-functions';
import * as df from 'durable-functions';
import { errorText } from '../core/error-text';

/** A signal from one entity to another (the run entity to its shards and back). */
export interface EntityMessage {
  entity: { name: string; key: string };
  operation: string;
  input: object;
}

export interface Step<S> {
  state: S;
  signals: readonly EntityMessage[];
}

interface CommonOptions<S, Op extends { type: string }> {
  initial: (key: string) => S;
  operations: readonly Op['type'][];
}

export type ReducerEntityOptions<S, Op extends { type: string }> = CommonOptions<S, Op> &
  (
    | { apply: (state: S, op: Op) => S; step?: never }
    | { step: (state: S, op: Op, key: string) => Step<S>; apply?: never }
  );

export function reducerEntity<S, Op extends { type: string }>(
  options: ReducerEntityOptions<S, Op>,
): EntityHandler<S> {
  const known = new Set<string>(options.operations);
  const step = (state: S, op: Op, key: string): Step<S> =>
    options.step ? options.step(state, op, key) : { state: options.apply!(state, op), signals: [] };
  return (context: EntityContext<S>) => {
    const ctx = context.df;
    const state = ctx.getState(() => options.initial(ctx.entityKey)) ?? options.initial(ctx.entityKey);
    const name = ctx.operationName ?? '';
    if (name === 'get') {
      ctx.return(state);
      return;
    }
    if (!known.has(name)) {
      ctx.return({
        error: `entity ${ctx.entityName} has no operation "${name}"; known: get, ${[...known].join(', ')}`,
      });
      return;
    }
    const input = ctx.getInput<Record<string, unknown>>();
    const op = { ...(input && typeof input === 'object' ? input : {}), type: name } as unknown as Op;
    try {
      const next = step(state, op, ctx.entityKey);
      // An unchanged state of an existing entity is not re-serialised: the SDK keeps the stored text.
      if (next.state !== state || ctx.isNewlyConstructed) ctx.setState(next.state);
      for (const s of next.signals)
        ctx.signalEntity(new df.EntityId(s.entity.name, s.entity.key), s.operation, s.input);
    } catch (error) {
      ctx.return({
        error: `entity ${ctx.entityName}@${ctx.entityKey} could not apply "${name}": ${errorText(error)}`,
      });
    }
  };
}
