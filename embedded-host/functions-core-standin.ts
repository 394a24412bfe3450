import { realModule } from './real-module';

/** One `registerFunction(metadata, handler)` call made by `@azure/functions` while the app loaded. */
export interface FunctionBinding {
  name: string;
  type: string;
  direction: 'in' | 'out';
  [key: string]: unknown;
}
export interface FunctionRegistration {
  name: string;
  bindings: Record<string, FunctionBinding>;
  trigger: FunctionBinding;
  handler: (triggerInput: unknown, context: unknown) => unknown;
}

type Sink = (registration: FunctionRegistration) => void;

interface StandinState {
  sink?: Sink;
  hooked: boolean;
  module: Record<string, unknown>;
}

// @azure/functions caches the core module after its first lookup, and jest loads this file (with a
// fresh globalThis) once per test file while Node's module cache lives on: so the stand-in is one
// object per process, kept on Node's Module class, whose registerFunction forwards to whichever host
// is loading an app right now.
const stateKey = Symbol.for('haymaker.embedded-host.functions-core');

function standinState(): StandinState {
  const g = realModule() as unknown as Record<symbol, StandinState | undefined>;
  const existing = g[stateKey];
  if (existing) return existing;
  const state: StandinState = {
    hooked: false,
    module: {
      registerFunction(
        metadata: { name: string; bindings: Record<string, FunctionBinding> },
        handler: FunctionRegistration['handler'],
      ) {
        if (!state.sink)
          throw new Error(`function "${metadata.name}" registered outside an embedded-host app load`);
        const trigger = Object.values(metadata.bindings).find(
          (b) => b.direction === 'in' && b.type.endsWith('Trigger'),
        );
        if (!trigger) throw new Error(`function "${metadata.name}" has no trigger binding`);
        state.sink({ name: metadata.name, bindings: metadata.bindings, trigger, handler });
        return { dispose: () => undefined };
      },
      setProgrammingModel: () => undefined,
      getProgrammingModel: () => undefined,
      registerHook: () => ({ dispose: () => undefined }),
      log: () => undefined,
    },
  };
  g[stateKey] = state;
  return state;
}

function install(state: StandinState): void {
  if (state.hooked) return;
  state.hooked = true;
  const mod = realModule();
  const original = mod._load;
  mod._load = function load(request: string, ...rest: unknown[]) {
    if (request === '@azure/functions-core') return state.module;
    return original.call(this, request, ...rest);
  };
}

/** Runs `load` with registrations captured; returns what the app registered. */
export function captureRegistrations(load: () => void): FunctionRegistration[] {
  const state = standinState();
  install(state);
  const captured: FunctionRegistration[] = [];
  state.sink = (r) => captured.push(r);
  try {
    load();
  } finally {
    state.sink = undefined;
  }
  return captured;
}
