import Module from 'node:module';

type NodeModule = typeof Module & { _load: (request: string, ...rest: unknown[]) => unknown };

/**
 * Node's own Module class. Inside jest, `require('module')` is a subclass of it whose createRequire
 * feeds jest's registry and whose static `_load` is a copy off Node's path; its prototype is the
 * real class that Node's require goes through.
 */
export function realModule(): NodeModule {
  const parent = Object.getPrototypeOf(Module) as NodeModule | undefined;
  const isReal = (m: NodeModule | undefined): m is NodeModule =>
    !!m && typeof m._load === 'function' && typeof m.createRequire === 'function';
  return isReal(parent) ? parent : (Module as NodeModule);
}
