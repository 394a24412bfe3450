// Turns a pure reducer into a Durable entity handler. The operation name is the operation's `type`; the input
// carries the rest. `get` returns the state. Errors are returned as `{ error }` because the SDK serialises a thrown
// error as "{}" and the message would be lost.
import type { EntityContext, EntityHandler } from 'durable-functions';
import { errorText } from '../core/error-text';

export interface ReducerEntityOptions<S, Op extends { type: string }> {
  initial: (key: string) => S;
  apply: (state: S, op: Op) => S;
  operations: readonly Op['type'][];
}

export function reducerEntity<S, Op extends { type: string }>(
  options: ReducerEntityOptions<S, Op>,
): EntityHandler<S> {
  const known = new Set<string>(options.operations);
  return (context: EntityContext<S>) => {
    const df = context.df;
    const state = df.getState(() => options.initial(df.entityKey)) ?? options.initial(df.entityKey);
    const name = df.operationName ?? '';
    if (name === 'get') {
      df.return(state);
      return;
    }
    if (!known.has(name)) {
      df.return({
        error: `entity ${df.entityName} has no operation "${name}"; known: get, ${[...known].join(', ')}`,
      });
      return;
    }
    const input = df.getInput<Record<string, unknown>>();
    const op = { ...(input && typeof input === 'object' ? input : {}), type: name } as unknown as Op;
    try {
      df.setState(options.apply(state, op));
    } catch (error) {
      df.return({
        error: `entity ${df.entityName}@${df.entityKey} could not apply "${name}": ${errorText(error)}`,
      });
    }
  };
}
