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

let currentSink: Sink | undefined;
let installed = false;

// @azure/functions caches the core module after the first lookup, so the stand-in must be one
// stable object whose registerFunction forwards to whichever host is loading an app right now.
const standin = {
  registerFunction(metadata: { name: string; bindings: Record<string, FunctionBinding> }, handler: FunctionRegistration['handler']) {
    if (!currentSink) throw new Error(`function "${metadata.name}" registered outside an embedded-host app load`);
    const trigger = Object.values(metadata.bindings).find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
    if (!trigger) throw new Error(`function "${metadata.name}" has no trigger binding`);
    currentSink({ name: metadata.name, bindings: metadata.bindings, trigger, handler });
    return { dispose: () => undefined };
  },
  setProgrammingModel: () => undefined,
  getProgrammingModel: () => undefined,
  registerHook: () => ({ dispose: () => undefined }),
  log: () => undefined,
};

function install(): void {
  if (installed) return;
  installed = true;
  const mod = realModule();
  const original = mod._load;
  mod._load = function load(request: string, ...rest: unknown[]) {
    if (request === '@azure/functions-core') return standin;
    return original.call(this, request, ...rest);
  };
}

/** Runs `load` with registrations captured; returns what the app registered. */
export function captureRegistrations(load: () => void): FunctionRegistration[] {
  install();
  const captured: FunctionRegistration[] = [];
  currentSink = (r) => captured.push(r);
  try {
    load();
  } finally {
    currentSink = undefined;
  }
  return captured;
}
