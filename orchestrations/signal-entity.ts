// Signals an entity from an orchestration with one of its typed operations (contract/entities.ts), so a misspelt
// operation or a wrong payload fails to compile instead of being refused by the entity at run time.
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { EntitySignal } from '../contract/entities';

export function signalEntity(context: OrchestrationContext, signal: EntitySignal): void {
  context.df.signalEntity(
    new df.EntityId(signal.entity.name, signal.entity.key),
    signal.operation,
    signal.input,
  );
}
