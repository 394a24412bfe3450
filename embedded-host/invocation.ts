import { randomUUID } from 'node:crypto';
import type { FunctionBinding, FunctionRegistration } from './functions-core-standin';

export type HostLogger = (
  level: 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none',
  message: string,
) => void;

export interface InvocationDeps {
  functionsModule: typeof import('@azure/functions');
  /** Durable client binding data (taskHubName, rpcBaseUrl, …) pointing at this host. */
  clientData: () => unknown;
  logger: HostLogger;
}

const durableClientTypes = new Set(['durableClient', 'orchestrationClient']);

/** Builds the InvocationContext the Functions worker would pass, with the durable client input bound. */
export function createInvocationContext(
  reg: FunctionRegistration,
  deps: InvocationDeps,
  triggerMetadata?: Record<string, unknown>,
) {
  const extraInputs = Object.values(reg.bindings).filter(
    (b) => b.direction === 'in' && b !== reg.trigger,
  ) as FunctionBinding[];
  const extraOutputs = Object.values(reg.bindings).filter(
    (b) => b.direction === 'out' && b.name !== '$return',
  ) as FunctionBinding[];
  const context = new deps.functionsModule.InvocationContext({
    invocationId: randomUUID(),
    functionName: reg.name,
    triggerMetadata,
    logHandler: (level, ...args) => deps.logger(level, `[${reg.name}] ${args.map(String).join(' ')}`),
    options: {
      trigger: reg.trigger as never,
      extraInputs: extraInputs as never,
      extraOutputs: extraOutputs as never,
    },
  });
  for (const input of extraInputs) {
    if (durableClientTypes.has(input.type)) context.extraInputs.set(input.name, deps.clientData());
  }
  return context;
}

export async function invoke(
  reg: FunctionRegistration,
  triggerInput: unknown,
  deps: InvocationDeps,
  triggerMetadata?: Record<string, unknown>,
): Promise<unknown> {
  return reg.handler(triggerInput, createInvocationContext(reg, deps, triggerMetadata));
}
